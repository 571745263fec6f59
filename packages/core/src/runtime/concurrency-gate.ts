interface Waiting {
  key?: string;
  enter(): void;
}

/**
 * Lets at most `limit` tasks in at once, FIFO. Tasks with the same key go strictly one after the
 * other (per-resource ordering) while tasks with other keys pass them. A task calls `enter` before
 * and `leave` once after; entering a free gate costs no promise (this runs for every message).
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly busyKeys = new Set<string>();
  /** Arrival order; entries before `head` have entered (a queue without shifting the array). */
  private waiting: Array<Waiting | undefined> = [];
  private head = 0;

  constructor(private readonly limit: number) {}

  get active(): number {
    return this.running;
  }

  /** Takes a slot (and the key): now, returning undefined, or once the returned promise resolves. */
  enter(key?: string): Promise<void> | undefined {
    if (this.head === this.waiting.length && this.running < this.limit && !this.isBusy(key)) {
      this.take(key);
      return undefined;
    }
    return new Promise<void>((enter) => {
      this.waiting.push({ key, enter });
      this.pump();
    });
  }

  /** Gives back the slot (and the key) taken by `enter`. */
  leave(key?: string): void {
    this.running -= 1;
    if (key !== undefined) this.busyKeys.delete(key);
    this.pump();
  }

  private isBusy(key: string | undefined): boolean {
    return key !== undefined && this.busyKeys.has(key);
  }

  private take(key: string | undefined): void {
    this.running += 1;
    if (key !== undefined) this.busyKeys.add(key);
  }

  private pump(): void {
    for (let i = this.head; i < this.waiting.length && this.running < this.limit;) {
      const next = this.waiting[i]!;
      if (this.isBusy(next.key)) {
        i += 1;
        continue;
      }
      if (i === this.head) {
        this.waiting[i] = undefined;
        i = ++this.head;
      } else this.waiting.splice(i, 1); // passing a busy key: rare, only with per-resource order
      this.take(next.key);
      next.enter();
    }
    if (this.head === this.waiting.length) {
      this.waiting = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      // Under load that never empties the queue, the entered prefix must not grow forever.
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
  }
}
