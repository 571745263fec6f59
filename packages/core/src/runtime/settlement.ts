import { SHUTDOWN_NAK_DELAY_MS } from '../constants';
import { toError } from '../errors/describe-thrown';
import type { LogPipeline } from '../logging/log-pipeline';
import type { MalformedMessageError } from '../protocol/malformed-message-error';
import type { DriverResult } from '../protocol/model/driver-result';
import type { DeliveryRoute } from '../protocol/subjects';
import { NO_TRACE, type MessageTrace } from '../tracing/message-trace';
import type { LifecycleEmitter } from './lifecycle-events';
import type { ResolvedDriverOptions, RetryPolicy } from './resolve-driver-options';
import { storeResult, type ResultAddress, type ResultStore } from './store-result';
import type { TrackedMessage } from './tracked-message';

/*
 * THE place where a message is acked, nak'ed or terminated, and why: `decideSettlement` (pure)
 * picks the action, `settle` carries it out (result stored first, then ack/nak/term) and reports it.
 */

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

/** What to do with the message: store `result` (if any), then ack/nak/term. Also what was done. */
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
 * Decides how a message is settled. `success: false` is final; a throw is retried
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

/** Exponential backoff: the delay before delivery `attempt + 1`, after delivery `attempt` failed. */
export function retryDelay(attempt: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** exponent);
}

/** What settling a message needs besides the message. */
export interface SettlementDeps extends ResultStore {
  driver: { name: string };
  options: ResolvedDriverOptions;
  events: LifecycleEmitter;
}

/** Settles `tracked` with `outcome`, once: a later call (shutdown racing a reconcile) gets the first. */
export function settle(
  tracked: TrackedMessage,
  outcome: MessageOutcome,
  address: ResultAddress,
  deps: SettlementDeps,
  trace: MessageTrace = NO_TRACE,
): Promise<void> {
  return tracked.settleOnce(() => carryOut(tracked, outcome, address, deps, trace));
}

/**
 * Decides, stores the result and awaits its PubAck, THEN acks or terms; a result that cannot be
 * stored (shutdown) turns the settlement into a nak. Reports and returns what was actually done.
 */
export async function carryOut(
  tracked: TrackedMessage,
  outcome: MessageOutcome,
  address: ResultAddress,
  deps: SettlementDeps,
  trace: MessageTrace = NO_TRACE,
): Promise<Settlement> {
  const context: SettlementContext = {
    driver: deps.driver.name,
    attempt: tracked.message.deliveryCount,
    maxAttempts: deps.options.maxAttempts,
    retry: deps.options.retry,
  };
  let done = decideSettlement(outcome, context);
  const result = done.action === 'nak' ? undefined : done.result;
  if (result) {
    try {
      await trace.publish((headers) => storeResult(deps, address, result, tracked.messageId, headers));
    } catch (error) {
      done = decideSettlement({ kind: 'unpublished', error: toError(error) }, context);
    }
  }
  const message = trace.settling(tracked.message);
  try {
    if (done.action === 'ack') message.ack();
    else if (done.action === 'nak') message.nak(done.delayMs);
    else message.term(done.reason);
  } catch {
    // Connection gone: without our ack the server redelivers after the ack wait; results dedupe.
  }
  trace.end(outcome, done);
  report(done, tracked, address.runId, deps);
  return done;
}

/** Turns what was done with a message into a lifecycle event and, for anything unusual, a log line. */
function report(
  done: Settlement,
  tracked: TrackedMessage,
  runId: string,
  deps: { driver: { name: string }; events: LifecycleEmitter; logs: LogPipeline },
): void {
  const driver = deps.driver.name;
  const { messageId } = tracked;
  const attempt = tracked.message.deliveryCount;
  if (done.action === 'ack') {
    const durationMs = performance.now() - tracked.receivedAt;
    deps.events.emit('message.reconciled', {
      driver,
      messageId,
      runId,
      success: done.result.success,
      durationMs,
    });
  } else if (done.action === 'nak') {
    deps.logs.process.warn(
      `Driver "${driver}" will retry message ${messageId} in ${done.delayMs} ms (attempt ${attempt}): ${done.reason}`,
      { driver, messageId, attempt },
    );
    deps.events.emit('message.retried', {
      driver,
      messageId,
      attempt,
      delayMs: done.delayMs,
      error: done.reason,
    });
  } else {
    deps.logs.process.warn(
      `Driver "${driver}" terminated message ${messageId}${done.result ? ' with a failure result' : ''}: ${done.reason}`,
      { driver, messageId, attempt },
    );
    deps.events.emit('message.terminated', { driver, messageId, reason: done.reason });
  }
}

/** Settles a message interrupted by shutdown (nak for another instance), once. */
export function interrupt(tracked: TrackedMessage, deps: SettlementDeps): Promise<void> {
  const address = { driver: deps.driver.name, runId: '', resource: {}, msgId: '' };
  return settle(tracked, { kind: 'interrupted' }, address, deps);
}

/**
 * Settles a message whose handling threw (a bug; `handleMessage` must not throw) as a failed attempt:
 * retried with backoff, and ended with a failure result after `maxAttempts`, never redelivered forever.
 */
export function failHandling(tracked: TrackedMessage, deps: SettlementDeps, error: unknown): Promise<void> {
  const msgId = `${tracked.messageId}:${deps.driver.name}:result`;
  const address = { driver: deps.driver.name, runId: '', resource: {}, msgId };
  return settle(tracked, { kind: 'failed', error: toError(error) }, address, deps);
}
