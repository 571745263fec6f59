import {
  DEFAULT_ACK_WAIT_MS,
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RECONCILE_TIMEOUT_MS,
  DEFAULT_RETRY_FACTOR,
  DEFAULT_RETRY_INITIAL_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
} from '../../constants';
import type { DriverOptions } from '../driver-options';
import { resolveDriverOptions } from '../resolve-driver-options';

describe('resolveDriverOptions', () => {
  it('applies every default', () => {
    expect(resolveDriverOptions('builder')).toEqual({
      concurrency: DEFAULT_CONCURRENCY,
      orderByResource: false,
      timeoutMs: DEFAULT_RECONCILE_TIMEOUT_MS,
      maxAttempts: DEFAULT_MAX_ATTEMPTS,
      retry: {
        initialDelayMs: DEFAULT_RETRY_INITIAL_DELAY_MS,
        factor: DEFAULT_RETRY_FACTOR,
        maxDelayMs: DEFAULT_RETRY_MAX_DELAY_MS,
      },
      deliverPolicy: 'all',
      ackWaitMs: DEFAULT_ACK_WAIT_MS,
      maxAckPending: 32,
    });
  });

  it("lets the driver's options win over the manager's defaults, field by field (retry too)", () => {
    const resolved = resolveDriverOptions(
      'builder',
      { concurrency: 8, retry: { factor: 3 } },
      { concurrency: 2, timeoutMs: 5000, retry: { initialDelayMs: 10, factor: 5 } },
    );
    expect(resolved).toMatchObject({
      concurrency: 8,
      timeoutMs: 5000,
      retry: { initialDelayMs: 10, factor: 3, maxDelayMs: DEFAULT_RETRY_MAX_DELAY_MS },
    });
  });

  it('derives max_ack_pending from the concurrency unless given', () => {
    expect(resolveDriverOptions('b', { concurrency: 64 }).maxAckPending).toBe(2048);
    expect(resolveDriverOptions('b', { concurrency: 64, maxAckPending: 64 }).maxAckPending).toBe(64);
  });

  it('keeps an event filter as a set, and "*" or no filter as every event', () => {
    expect(resolveDriverOptions('b', { events: ['create'] }).events).toEqual(new Set(['create']));
    expect(resolveDriverOptions('b', { events: ['create', '*'] }).events).toBeUndefined();
    expect(resolveDriverOptions('b').events).toBeUndefined();
  });

  it.each<[DriverOptions, string]>([
    [{ concurrency: 0 }, 'Invalid option concurrency of driver "builder": must be a number >= 1, got 0'],
    [{ concurrency: 2.5 }, 'Invalid option concurrency of driver "builder": must be an integer, got 2.5'],
    [
      { concurrency: Number.NaN },
      'Invalid option concurrency of driver "builder": must be a number >= 1, got NaN',
    ],
    [
      { concurrency: '4' as unknown as number },
      'Invalid option concurrency of driver "builder": must be a number >= 1, got 4',
    ],
    [{ timeoutMs: 0 }, 'Invalid option timeoutMs of driver "builder": must be a number >= 1, got 0'],
    [{ timeoutMs: -5 }, 'Invalid option timeoutMs of driver "builder": must be a number >= 1, got -5'],
    [
      { timeoutMs: Number.POSITIVE_INFINITY },
      'Invalid option timeoutMs of driver "builder": must be a number >= 1, got Infinity',
    ],
    [{ ackWaitMs: 500 }, 'Invalid option ackWaitMs of driver "builder": must be a number >= 1000, got 500'],
    [{ maxAttempts: 0 }, 'Invalid option maxAttempts of driver "builder": must be a number >= 1, got 0'],
    [{ maxAttempts: 1.5 }, 'Invalid option maxAttempts of driver "builder": must be an integer, got 1.5'],
    [
      { retry: { initialDelayMs: 0 } },
      'Invalid option retry.initialDelayMs of driver "builder": must be a number >= 1, got 0',
    ],
    [
      { retry: { factor: 0.5 } },
      'Invalid option retry.factor of driver "builder": must be a number >= 1, got 0.5',
    ],
    [
      { retry: { maxDelayMs: -1 } },
      'Invalid option retry.maxDelayMs of driver "builder": must be a number >= 1, got -1',
    ],
    [
      { concurrency: 8, maxAckPending: 4 },
      'Invalid option maxAckPending of driver "builder": must be a number >= 8, got 4',
    ],
    [
      { deliverPolicy: 'last' as 'all' },
      'Invalid option deliverPolicy of driver "builder": must be "all" or "new", got "last"',
    ],
  ])('refuses %j with a clear error', (options, message) => {
    expect(() => resolveDriverOptions('builder', options)).toThrow(new TypeError(message));
  });

  it('names every bad option at once', () => {
    expect(() =>
      resolveDriverOptions('builder', { concurrency: 0, ackWaitMs: 10, orderByResource: 1 as never }),
    ).toThrow(
      new TypeError(
        'Invalid options of driver "builder": concurrency must be a number >= 1, got 0; ' +
          'orderByResource must be true or false, got 1; ackWaitMs must be a number >= 1000, got 10',
      ),
    );
  });

  it("checks the manager's defaults too, naming the driver they were applied to", () => {
    expect(() => resolveDriverOptions('pusher', {}, { concurrency: -1 })).toThrow(
      'Invalid option concurrency of driver "pusher": must be a number >= 1, got -1',
    );
  });
});
