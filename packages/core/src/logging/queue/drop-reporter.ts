import type { LogDropListener } from '../log-pipeline';

/**
 * Coalesces lost-entry counts so that a dead sink yields one report per interval, not one per line.
 */
export class DropReporter {
  private readonly listeners = new Set<LogDropListener>();
  private readonly pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs: number) {}

  subscribe(listener: LogDropListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  lost(sink: string, count: number): void {
    this.pending.set(sink, (this.pending.get(sink) ?? 0) + count);
    this.timer ??= setTimeout(() => this.report(), this.intervalMs).unref();
  }

  /** Reports what is pending now (at shutdown). */
  report(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const [sink, count] of this.pending) {
      for (const listener of this.listeners) {
        try {
          listener(sink, count);
        } catch {
          // A failing listener must not break logging or the other listeners.
        }
      }
    }
    this.pending.clear();
  }
}
