import { SHUTDOWN_NAK_DELAY_MS } from '../../constants';
import { MalformedMessageError } from '../../protocol/malformed-message-error';
import { parseDeliverySubject } from '../../protocol/subjects';
import { decideSettlement, retryDelay, type SettlementContext } from '../settlement';

const retry = { initialDelayMs: 1000, factor: 2, maxDelayMs: 60_000 };
const at = (attempt: number, maxAttempts = 5): SettlementContext => ({
  driver: 'builder',
  attempt,
  maxAttempts,
  retry,
});
const malformed = new MalformedMessageError([{ field: 'run_id', problem: 'is missing' }]);

describe('decideSettlement', () => {
  it('acks a returned success with that result', () => {
    const result = { success: true, message: 'built', data: { image: 'x' } };
    expect(decideSettlement({ kind: 'reconciled', result }, at(1))).toEqual({ action: 'ack', result });
  });

  it('treats success: false as a final answer: published and acked, never retried', () => {
    const result = { success: false, message: 'no such branch' };
    expect(decideSettlement({ kind: 'reconciled', result }, at(1))).toEqual({ action: 'ack', result });
  });

  it('naks a thrown error with the backoff of its attempt, publishing nothing', () => {
    const error = new Error('registry unreachable');
    expect(decideSettlement({ kind: 'failed', error }, at(1))).toEqual({
      action: 'nak',
      delayMs: 1000,
      reason: 'registry unreachable',
    });
    expect(decideSettlement({ kind: 'failed', error }, at(3))).toMatchObject({
      action: 'nak',
      delayMs: 4000,
    });
  });

  it('retries a timeout like any other thrown error', () => {
    const error = new Error('reconcile did not finish within 50 ms');
    expect(decideSettlement({ kind: 'failed', error }, at(4))).toEqual({
      action: 'nak',
      delayMs: 8000,
      reason: error.message,
    });
  });

  it('terms the last attempt with a failure result carrying the error', () => {
    const settlement = decideSettlement({ kind: 'failed', error: new Error('disk full') }, at(5));
    expect(settlement).toEqual({
      action: 'term',
      reason: 'failed on attempt 5 of 5: disk full',
      result: { success: false, message: 'disk full (gave up after 5 attempts)' },
    });
  });

  it('gives up at once when only one attempt is allowed', () => {
    expect(decideSettlement({ kind: 'failed', error: new Error('x') }, at(1, 1))).toMatchObject({
      action: 'term',
      result: { success: false },
    });
  });

  it('answers a pipeline message on a malformed delivery with a failure result, then terms it', () => {
    const route = parseDeliverySubject('drivers.builder.resources.build');
    expect(decideSettlement({ kind: 'malformed', error: malformed, route }, at(1))).toEqual({
      action: 'term',
      reason: malformed.message,
      result: { success: false, message: malformed.message },
    });
  });

  it('terms a malformed message back beyond maxAttempts without a result, so it can never loop', () => {
    const route = parseDeliverySubject('drivers.builder.resources.build');
    expect(decideSettlement({ kind: 'malformed', error: malformed, route }, at(6))).toEqual({
      action: 'term',
      reason: `${malformed.message} (delivered 6 times)`,
    });
  });

  it('terms a malformed broadcast without a result (no pipeline waits for it)', () => {
    const route = parseDeliverySubject('resources.build');
    expect(decideSettlement({ kind: 'malformed', error: malformed, route }, at(1))).toEqual({
      action: 'term',
      reason: malformed.message,
    });
  });

  it('terms a malformed delivery on an unreadable subject without a result', () => {
    expect(decideSettlement({ kind: 'malformed', error: malformed }, at(1))).toEqual({
      action: 'term',
      reason: malformed.message,
    });
  });

  it('acks an event the driver filters out with a success result naming the event', () => {
    expect(decideSettlement({ kind: 'skipped', event: 'process' }, at(1))).toEqual({
      action: 'ack',
      result: { success: true, message: 'event "process" is not handled by driver "builder"' },
    });
  });

  it('terms a message delivered more than maxAttempts times without an outcome, with a failure result', () => {
    const settlement = decideSettlement({ kind: 'exhausted' }, at(6));
    expect(settlement.action).toBe('term');
    expect(settlement).toMatchObject({ result: { success: false } });
    expect((settlement as { reason: string }).reason).toContain('delivered 6 times (max 5)');
  });

  it('naks with backoff when the result could not be stored', () => {
    expect(decideSettlement({ kind: 'unpublished', error: new Error('timeout') }, at(2))).toEqual({
      action: 'nak',
      delayMs: 2000,
      reason: 'result not stored: timeout',
    });
  });

  it('naks work interrupted by shutdown after the shutdown delay, whatever the attempt', () => {
    expect(decideSettlement({ kind: 'interrupted' }, at(5))).toEqual({
      action: 'nak',
      delayMs: SHUTDOWN_NAK_DELAY_MS,
      reason: 'interrupted by shutdown',
    });
  });

  it('never naks without a delay', () => {
    const outcomes = [
      { kind: 'failed' as const, error: new Error('x') },
      { kind: 'unpublished' as const, error: new Error('x') },
      { kind: 'interrupted' as const },
    ];
    for (const outcome of outcomes) {
      for (let attempt = 1; attempt < 5; attempt++) {
        const settlement = decideSettlement(outcome, at(attempt));
        if (settlement.action === 'nak') expect(settlement.delayMs).toBeGreaterThanOrEqual(1000);
      }
    }
  });
});

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
