/**
 * Lets reconciles start back to back within one event-loop turn until they have held the loop for
 * `budgetMs`; after that, the next one waits for a later turn. Quick reconciles (most await I/O)
 * never pay a turn; synchronous CPU work cannot keep PubAcks and acks of finished messages unread.
 * One per process: the event loop is shared by every driver.
 */
export class TurnBudget {
  private turnStartedAt: number | undefined;
  /** Whether the end of the current turn is already scheduled to be noticed. */
  private turnEndScheduled = false;
  /** Starts waiting for a later turn, first come first served; one setImmediate serves them all. */
  private readonly waiters: Array<(now: number) => void> = [];
  private resumeScheduled = false;
  private readonly endTurn = (): void => {
    this.turnStartedAt = undefined;
    this.turnEndScheduled = false;
  };
  private readonly resume = (): void => {
    this.resumeScheduled = false;
    this.resumeWaiters();
  };

  constructor(
    private readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Calls `start` with the clock's reading: now, if reconciles have held this turn for less than the
   * budget and nothing waits, otherwise in a later turn after the starts that waited before it.
   */
  run(start: (now: number) => void): void {
    const now = this.now();
    if (this.waiters.length === 0 && this.mayStart(now)) return this.startNow(start, now);
    this.waiters.push(start);
    this.scheduleResume();
  }

  private mayStart(now: number): boolean {
    if (this.turnStartedAt === undefined) {
      this.turnStartedAt = now;
      return true;
    }
    return now - this.turnStartedAt < this.budgetMs;
  }

  private startNow(start: (now: number) => void, now: number): void {
    try {
      start(now);
    } finally {
      // Scheduled after the start, off its path: a setImmediate is measurable at light load.
      if (!this.turnEndScheduled) {
        this.turnEndScheduled = true;
        setImmediate(this.endTurn);
      }
    }
  }

  private scheduleResume(): void {
    if (this.resumeScheduled) return;
    this.resumeScheduled = true;
    setImmediate(this.resume);
  }

  /** Waiters start one by one in a later turn, and the budget applies to them too. */
  private resumeWaiters(): void {
    while (this.waiters.length > 0) {
      const now = this.now();
      if (!this.mayStart(now)) return this.scheduleResume();
      this.startNow(this.waiters.shift()!, now);
    }
  }
}
