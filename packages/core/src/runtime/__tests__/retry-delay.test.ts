import { retryDelay } from '../retry-delay';

describe('retryDelay', () => {
  const policy = { initialDelayMs: 1000, factor: 2, maxDelayMs: 10_000 };

  it('grows exponentially from the delivery count: initial x factor^(attempt-1)', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, policy))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('is capped at maxDelayMs', () => {
    expect(retryDelay(5, policy)).toBe(10_000);
    expect(retryDelay(60, policy)).toBe(10_000);
  });

  it('stays finite and capped for huge delivery counts', () => {
    expect(retryDelay(5000, policy)).toBe(10_000);
  });

  it('treats a delivery count below 1 as the first attempt', () => {
    expect(retryDelay(0, policy)).toBe(1000);
  });

  it('is deterministic (no jitter): the same attempt always waits the same', () => {
    expect(retryDelay(3, policy)).toBe(retryDelay(3, policy));
  });

  it('keeps a constant delay with factor 1', () => {
    expect(retryDelay(7, { initialDelayMs: 250, factor: 1, maxDelayMs: 1000 })).toBe(250);
  });
});
