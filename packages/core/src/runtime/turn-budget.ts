/**
 * Lets reconciles start back to back within one event-loop turn until they have held the loop for
 * `budgetMs`; after that, the next one waits for a later turn. Quick reconciles (most await I/O)
 * never pay a turn; synchronous CPU work cannot keep PubAcks and acks of finished messages unread.
 * One per process: the event loop is shared by every driver.
 */
export class TurnBudget {
  private turnStartedAt: number | undefined;

  constructor(
    private readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** `undefined` when the caller may start now; otherwise a promise of the turn it may start in. */
  claim(): Promise<void> | undefined {
    return this.mayStart() ? undefined : this.laterTurn();
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

  /** Waiters resume one by one in a later turn, and the budget applies to them too. */
  private async laterTurn(): Promise<void> {
    do await new Promise((resolve) => setImmediate(resolve));
    while (!this.mayStart());
  }
}
