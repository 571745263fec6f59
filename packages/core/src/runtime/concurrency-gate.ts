interface Waiting {
  key?: string;
  start(): void;
}

/**
 * Runs at most `limit` tasks at once, FIFO. Tasks with the same key run strictly one after the
 * other (per-resource ordering) while tasks with other keys pass them.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly busyKeys = new Set<string>();
  private readonly waiting: Waiting[] = [];

  constructor(private readonly limit: number) {}

  get active(): number {
    return this.running;
  }

  /**
   * Runs `task` once a slot (and its key) is free. The slot is freed when the task ends, or earlier
   * when the task calls `release` (for work that need not hold it, such as waiting on a PubAck).
   */
  run<T>(key: string | undefined, task: (release: () => void) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        this.running += 1;
        if (key !== undefined) this.busyKeys.add(key);
        let released = false;
        const release = (): void => {
          if (released) return;
          released = true;
          this.running -= 1;
          if (key !== undefined) this.busyKeys.delete(key);
          this.pump();
        };
        task(release).then(resolve, reject).finally(release);
      };
      this.waiting.push({ key, start });
      this.pump();
    });
  }

  private pump(): void {
    for (let i = 0; i < this.waiting.length && this.running < this.limit;) {
      const next = this.waiting[i];
      if (next.key !== undefined && this.busyKeys.has(next.key)) {
        i += 1;
        continue;
      }
      this.waiting.splice(i, 1);
      next.start();
    }
  }
}
