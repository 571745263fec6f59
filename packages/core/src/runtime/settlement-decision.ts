import { SHUTDOWN_NAK_DELAY_MS } from '../constants';
import type { MalformedMessageError } from '../protocol/malformed-message-error';
import type { DriverResult } from '../protocol/model/driver-result';
import type { DeliveryRoute } from '../protocol/subjects';
import type { RetryPolicy } from './resolve-driver-options';
import { retryDelay } from './retry-delay';

/** Everything that can happen to a message before it is settled. */
export type MessageOutcome =
  | { kind: 'reconciled'; result: DriverResult }
  | { kind: 'failed'; error: Error }
  | { kind: 'interrupted' }
  | { kind: 'skipped'; event: string }
  | { kind: 'malformed'; error: MalformedMessageError; route?: DeliveryRoute }
  /** Delivered more often than `maxAttempts` without an outcome: earlier holders crashed or hung. */
  | { kind: 'exhausted' }
  /** The result could not be stored (no PubAck): the message must come back. */
  | { kind: 'unpublished'; error: Error };

/** What to do with the message: publish `result` (if any) and await its PubAck, then ack/nak/term. */
export type Settlement =
  | { action: 'ack'; result: DriverResult }
  | { action: 'nak'; delayMs: number; reason: string }
  | { action: 'term'; result?: DriverResult; reason: string };

export interface SettlementContext {
  driver: string;
  /** Delivery count, 1 on first delivery. */
  attempt: number;
  maxAttempts: number;
  retry: RetryPolicy;
}

/**
 * THE place that decides how a message is settled. `success: false` is final; a throw is retried
 * with backoff until the last attempt, which gets a failure result; malformed messages are never
 * retried and answered only where a pipeline waits; nothing is ever nak'ed without a delay.
 */
export function decideSettlement(outcome: MessageOutcome, context: SettlementContext): Settlement {
  const { attempt, maxAttempts } = context;
  switch (outcome.kind) {
    case 'reconciled':
      return { action: 'ack', result: outcome.result };
    case 'skipped':
      return {
        action: 'ack',
        result: {
          success: true,
          message: `event "${outcome.event}" is not handled by driver "${context.driver}"`,
        },
      };
    case 'failed':
      if (attempt < maxAttempts) {
        return { action: 'nak', delayMs: retryDelay(attempt, context.retry), reason: outcome.error.message };
      }
      return {
        action: 'term',
        reason: `failed on attempt ${attempt} of ${maxAttempts}: ${outcome.error.message}`,
        result: { success: false, message: `${outcome.error.message} (gave up after ${attempt} attempts)` },
      };
    case 'unpublished':
      return {
        action: 'nak',
        delayMs: retryDelay(attempt, context.retry),
        reason: `result not stored: ${outcome.error.message}`,
      };
    case 'interrupted':
      return { action: 'nak', delayMs: SHUTDOWN_NAK_DELAY_MS, reason: 'interrupted by shutdown' };
    case 'exhausted': {
      const reason = `delivered ${attempt} times (max ${maxAttempts}) without an outcome: earlier attempts crashed or lost their heartbeats`;
      return { action: 'term', reason, result: { success: false, message: reason } };
    }
    case 'malformed': {
      const reason = outcome.error.message;
      // Back again beyond maxAttempts: its failure result could not be stored; end it without one.
      if (attempt > maxAttempts) return { action: 'term', reason: `${reason} (delivered ${attempt} times)` };
      return outcome.route?.kind === 'pipeline'
        ? { action: 'term', reason, result: { success: false, message: reason } }
        : { action: 'term', reason };
    }
  }
}
