import type { LifecycleEmitter } from './lifecycle-events';
import type { Settlement } from './settlement-decision';
import type { TrackedMessage } from './tracked-message';
import type { LogPipeline } from '../logging/log-pipeline';

interface Reported {
  tracked: TrackedMessage;
  messageId: string;
  runId: string;
  driver: string;
  deps: { events: LifecycleEmitter; logs: LogPipeline };
}

/** Turns what was done with a message into a lifecycle event and, for anything unusual, a log line. */
export function reportSettlement(
  done: Settlement,
  { tracked, messageId, runId, driver, deps }: Reported,
): void {
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

/** A result that could not be stored yet: said on the first failure and every tenth, not on each retry. */
export function reportUnstoredResult(
  error: Error,
  failures: number,
  delayMs: number,
  messageId: string,
  deps: { logs: LogPipeline },
): void {
  if (failures !== 1 && failures % 10 !== 0) return;
  deps.logs.process.warn(
    `The result of message ${messageId} is not stored yet (${error.message}; ${failures} tries): publishing it again in ${delayMs} ms; the reconcile is not repeated`,
    { messageId },
  );
}
