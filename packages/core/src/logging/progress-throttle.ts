import { PROGRESS_MIN_INTERVAL_MS } from '../constants';
import { formatProgressLine, type Progress } from '../protocol/progress-line';

/**
 * Turns `progress()` calls into at most one line per interval: the first at once, then the latest
 * when the interval ends (a timer that never holds the process open), and completion (100%) at once.
 * Repeats of the line last sent are not sent again.
 */
export class ProgressThrottle {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private lastLine: string | undefined;
  private pending: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly send: (line: string) => void,
    private readonly intervalMs = PROGRESS_MIN_INTERVAL_MS,
  ) {}

  report(progress: Progress): void {
    const line = formatProgressLine(progress);
    const now = performance.now();
    if (progress.fraction >= 1 || now - this.lastSentAt >= this.intervalMs) return this.flush(line, now);
    this.pending = line;
    this.timer ??= setTimeout(
      () => {
        this.timer = undefined;
        if (this.pending !== undefined) this.flush(this.pending, performance.now());
      },
      this.intervalMs - (now - this.lastSentAt),
    ).unref();
  }

  private flush(line: string, now: number): void {
    this.pending = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (line === this.lastLine) return;
    this.lastLine = line;
    this.lastSentAt = now;
    this.send(line);
  }
}
