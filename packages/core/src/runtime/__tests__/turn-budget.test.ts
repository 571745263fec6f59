import { TurnBudget } from '../turn-budget';
import { settle } from './support/deferred';

/** A budget on a clock the test moves by hand. */
function budgetAt(budgetMs: number) {
  let now = 1000;
  const budget = new TurnBudget(budgetMs, () => now);
  return { budget, advance: (ms: number) => (now += ms) };
}

describe('TurnBudget', () => {
  it('lets claims within the budget of one turn start at once', () => {
    const { budget, advance } = budgetAt(2);
    expect(budget.claim()).toBeUndefined();
    advance(1.5);
    expect(budget.claim()).toBeUndefined();
  });

  it('makes the claim after the budget is spent wait until I/O queued meanwhile had its turn', async () => {
    const { budget, advance } = budgetAt(2);
    const order: string[] = [];
    budget.claim();
    setImmediate(() => order.push('I/O')); // e.g. a PubAck that arrived while the reconcile ran
    advance(2);
    const wait = budget.claim();
    expect(wait).toBeInstanceOf(Promise);
    await wait!.then(() => order.push('next reconcile'));
    expect(order).toEqual(['I/O', 'next reconcile']);
  });

  it('applies the budget to waiters too: they resume one turn-budget at a time', async () => {
    const { budget, advance } = budgetAt(2);
    budget.claim();
    advance(2);
    const started: number[] = [];
    const waiters = [1, 2, 3].map((n) =>
      budget.claim()!.then(() => {
        started.push(n);
        advance(1.5); // each waiter's reconcile holds the loop for 1.5 ms
      }),
    );
    await settle(); // the turn in which the waiters resume
    // The first two fit in one budget (0 and 1.5 ms), the third waits for another turn.
    expect(started).toEqual([1, 2]);
    await Promise.all(waiters);
    expect(started).toEqual([1, 2, 3]);
  });

  it('starts a fresh budget on the next turn', async () => {
    const { budget, advance } = budgetAt(2);
    budget.claim();
    advance(5);
    await settle();
    expect(budget.claim()).toBeUndefined();
  });
});
