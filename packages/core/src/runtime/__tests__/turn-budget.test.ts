import { TurnBudget } from '../turn-budget';
import { settle } from './support/deferred';

/** A budget on a clock the test moves by hand. */
function budgetAt(budgetMs: number) {
  let now = 1000;
  const budget = new TurnBudget(budgetMs, () => now);
  return { budget, advance: (ms: number) => (now += ms) };
}

describe('TurnBudget', () => {
  it('starts at once, with the clock reading, while the turn is within the budget', () => {
    const { budget, advance } = budgetAt(2);
    const started: number[] = [];
    budget.run((now) => started.push(now));
    advance(1.5);
    budget.run((now) => started.push(now));
    expect(started).toEqual([1000, 1001.5]);
  });

  it('makes the start after the budget is spent wait until I/O queued meanwhile had its turn', async () => {
    const { budget, advance } = budgetAt(2);
    const order: string[] = [];
    budget.run(() => undefined);
    setImmediate(() => order.push('I/O')); // e.g. a PubAck that arrived while the reconcile ran
    advance(2);
    budget.run(() => order.push('next reconcile'));
    expect(order).toEqual([]);
    await settle();
    await settle();
    expect(order).toEqual(['I/O', 'next reconcile']);
  });

  it('applies the budget to waiters too: they resume one turn-budget at a time', async () => {
    const { budget, advance } = budgetAt(2);
    budget.run(() => undefined);
    advance(2);
    const started: number[] = [];
    for (const n of [1, 2, 3])
      budget.run(() => {
        started.push(n);
        advance(1.5); // each waiter's reconcile holds the loop for 1.5 ms
      });
    await settle(); // the turn in which the waiters resume
    // The first two fit in one budget (0 and 1.5 ms), the third waits for another turn.
    expect(started).toEqual([1, 2]);
    await settle();
    expect(started).toEqual([1, 2, 3]);
  });

  it('starts a fresh budget on the next turn', async () => {
    const { budget, advance } = budgetAt(2);
    budget.run(() => undefined);
    advance(5);
    await settle();
    const started: string[] = [];
    budget.run(() => started.push('now'));
    expect(started).toEqual(['now']);
  });

  it('still notices the end of a turn whose start threw', async () => {
    const { budget, advance } = budgetAt(2);
    expect(() =>
      budget.run(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    advance(5);
    await settle();
    const started: string[] = [];
    budget.run(() => started.push('now'));
    expect(started).toEqual(['now']);
  });
});
