/**
 * Lets reconciles start back to back within one event-loop turn until they have held the loop for
 * `budgetMs`; after that, the next one waits for a later turn. Quick reconciles (most await I/O)
 * never pay a turn; synchronous CPU work cannot keep PubAcks and acks of finished messages unread.
 * One per process: the event loop is shared by every driver.
 */
export class TurnBudget {
  private turnStartedAt: number | undefined;
  /** Claims waiting for a later turn, first come first served; one setImmediate serves them all. */
  private readonly waiters: Array<() => void> = [];
  private resumeScheduled = false;

  constructor(
    private readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** `undefined` when the caller may start now; otherwise a promise of the turn it may start in. */
  claim(): Promise<void> | undefined {
    if (this.waiters.length === 0 && this.mayStart()) return undefined;
    return new Promise((resume) => {
      this.waiters.push(resume);
      this.scheduleResume();
    });
  }

  private mayStart(): boolean {
    const now = this.now();
    if (this.turnStartedAt === undefined) {
      this.turnStartedAt = now;
      setImmediate(() => (this.turnStartedAt = undefined));
      return true;
    }
    return now - this.turnStartedAt < this.budgetMs;
  }

  private scheduleResume(): void {
    if (this.resumeScheduled) return;
    this.resumeScheduled = true;
    setImmediate(() => {
      this.resumeScheduled = false;
      this.resumeNext();
    });
  }

  /**
   * Waiters resume one by one in a later turn, and the budget applies to them too: the next one is
   * considered after the previous one's reconcile ran (a microtask queued behind its resumption).
   */
  private resumeNext(): void {
    if (this.waiters.length === 0) return;
    if (!this.mayStart()) return this.scheduleResume();
    this.waiters.shift()!();
    queueMicrotask(() => this.resumeNext());
  }
}
