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

  run<T>(key: string | undefined, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        this.running += 1;
        if (key !== undefined) this.busyKeys.add(key);
        task()
          .then(resolve, reject)
          .finally(() => {
            this.running -= 1;
            if (key !== undefined) this.busyKeys.delete(key);
            this.pump();
          });
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
