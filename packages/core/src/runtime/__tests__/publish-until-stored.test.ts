import { publishUntilStored } from '../publish-until-stored';

describe('publishUntilStored', () => {
  it('publishes again after failures, waiting 250 ms doubling, until the result is stored', async () => {
    let calls = 0;
    const retries: Array<[string, number, number]> = [];
    const startedAt = Date.now();
    await publishUntilStored(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('503');
      },
      {
        isStopping: () => false,
        onRetry: (e, failures, delayMs) => retries.push([e.message, failures, delayMs]),
      },
    );
    expect(calls).toBe(3);
    expect(retries).toEqual([
      ['503', 1, 250],
      ['503', 2, 500],
    ]);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(700);
  });

  it('gives up with the last error once shutdown began, without waiting out the delay', async () => {
    let stopping = false;
    const startedAt = Date.now();
    const attempt = publishUntilStored(
      async () => {
        throw new Error('no PubAck');
      },
      {
        isStopping: () => stopping,
        onRetry: () => {
          stopping = true;
        },
      },
    );
    await expect(attempt).rejects.toThrow('no PubAck');
    expect(Date.now() - startedAt).toBeLessThan(1_000);
  });
});
