import { retryDelayMs } from '../..';

describe('retryDelayMs', () => {
  const policy = { attempts: 6, initialDelayMs: 200, factor: 2, maxDelayMs: 1_000 };

  it('grows exponentially up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(policy, attempt))).toEqual([
      200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('follows Retry-After, within the cap', () => {
    expect(retryDelayMs(policy, 1, 0)).toBe(0);
    expect(retryDelayMs(policy, 1, 60)).toBe(1_000);
  });
});
