import { toError } from '../errors/describe-thrown';
import type { LogPipeline } from '../logging/log-pipeline';
import type { DriverDefinition } from './driver-definition';
import type { ConcurrencyGate } from './concurrency-gate';
import type { LifecycleEmitter } from './lifecycle-events';
import { publishResult, type ResultAddress, type ResultTransport } from './publish-result';
import { publishUntilStored } from './publish-until-stored';
import { readDelivery } from './read-delivery';
import type { ResolvedDriverOptions } from './resolve-driver-options';
import { reportSettlement, reportUnstoredResult } from './report-settlement';
import { runReconcile } from './run-reconcile';
import { settleMessage } from './settle-message';
import { NO_TRACE, traceMessage, type MessageTrace } from '../tracing/message-trace';
import { decideSettlement, type MessageOutcome } from './settlement-decision';
import type { TrackedMessage } from './tracked-message';

export interface MessageHandlingDeps {
  driver: DriverDefinition;
  options: ResolvedDriverOptions;
  transport: ResultTransport;
  logs: LogPipeline;
  events: LifecycleEmitter;
  gate: ConcurrencyGate;
  isStopping(): boolean;
}

/**
 * The hot path for one message: decode -> gate -> reconcile -> settle. Never throws. The gate's slot
 * covers the reconcile; settling (result PubAck, then ack) overlaps the next reconcile.
 */
export async function handleMessage(tracked: TrackedMessage, deps: MessageHandlingDeps): Promise<void> {
  const { message } = tracked;
  const { driver, options } = deps;
  const delivery = readDelivery(message, driver.name);
  const attempt = message.deliveryCount;

  if (delivery.kind === 'malformed') {
    const { messageId, runId, route, error } = delivery;
    tracked.messageId = messageId;
    deps.events.emit('message.received', {
      driver: driver.name,
      messageId,
      runId,
      subject: message.subject,
      attempt,
    });
    const answered = route?.kind === 'pipeline' ? ', answering the pipeline with a failure result' : '';
    deps.logs.process.error(
      `Driver "${driver.name}" received a malformed message on ${message.subject} (stream sequence ${message.streamSequence}, delivery ${attempt}): ${error.message}. Terminating it${answered}.`,
      {
        driver: driver.name,
        subject: message.subject,
        messageId,
        field: error.field,
        problem: error.problem,
      },
    );
    const address = { driver: driver.name, runId, resource: delivery.resource, msgId: delivery.resultMsgId };
    return conclude(tracked, { kind: 'malformed', error, route }, address, messageId, deps);
  }

  const { resource, id, runId, event } = delivery.message;
  tracked.messageId = id;
  deps.events.emit('message.received', {
    driver: driver.name,
    messageId: id,
    runId,
    subject: message.subject,
    attempt,
  });
  const address = { driver: driver.name, runId, resource, msgId: delivery.resultMsgId };
  const trace = traceMessage(message, driver.name, delivery.message);
  if (options.events && !options.events.has(event))
    return conclude(tracked, { kind: 'skipped', event }, address, id, deps, trace);
  if (attempt > options.maxAttempts)
    return conclude(tracked, { kind: 'exhausted' }, address, id, deps, trace);

  const key = options.orderByResource ? `${resource.resource}/${resource.name}` : undefined;
  await deps.gate.run(key, async (release) => {
    if (tracked.settling) return; // settled by shutdown while it waited
    if (deps.isStopping()) return conclude(tracked, { kind: 'interrupted' }, address, id, deps);
    tracked.phase = 'reconciling';
    const logger = deps.logs.forRun({
      driver: driver.name,
      runId,
      event,
      messageId: id,
      pipeline: resource.pipeline ?? '',
      traceHeaders: trace.headers,
    });
    const context = {
      resource,
      event,
      runId,
      logger,
      message: { id, subject: message.subject, route: delivery.route, attempt },
      get signal() {
        return tracked.abort.signal;
      },
    };
    const outcome = await trace.within(() => runReconcile(driver, context, tracked.abort, options.timeoutMs));
    if (outcome.kind === 'failed') {
      logger.error(
        `Reconcile failed on attempt ${attempt} of ${options.maxAttempts}: ${outcome.error.message}`,
      );
    }
    const settled: MessageOutcome =
      outcome.kind === 'returned' ? { kind: 'reconciled', result: outcome.result } : outcome;
    // The slot bounds reconciles, not PubAck round trips: the next reconcile starts while this result
    // travels (it is still stored before this message is acked). Per-resource order keeps the key
    // until the result is stored, so the resource's next event finds this one settled.
    if (key === undefined) release();
    await conclude(tracked, settled, address, id, deps, trace);
  });
}

function conclude(
  tracked: TrackedMessage,
  outcome: MessageOutcome,
  address: ResultAddress,
  messageId: string,
  deps: MessageHandlingDeps,
  trace: MessageTrace = NO_TRACE,
): Promise<void> {
  return tracked.settleOnce(async () => {
    const context = {
      driver: deps.driver.name,
      attempt: tracked.message.deliveryCount,
      maxAttempts: deps.options.maxAttempts,
      retry: deps.options.retry,
    };
    const decide = (o: MessageOutcome) => decideSettlement(o, context);
    const publish = (result: Parameters<typeof publishResult>[2]) =>
      trace.publish((headers) =>
        publishUntilStored(() => publishResult(deps.transport, address, result, headers), {
          isStopping: deps.isStopping,
          onRetry: (error, failures, delayMs) =>
            reportUnstoredResult(error, failures, delayMs, messageId, deps),
        }),
      );
    const done = await settleMessage(trace.settling(tracked.message), decide(outcome), publish, decide);
    trace.end(outcome, done);
    reportSettlement(done, { tracked, messageId, runId: address.runId, driver: deps.driver.name, deps });
  });
}

/**
 * Settles a message whose handling threw (a bug; `handleMessage` must not throw) as a failed attempt:
 * retried with backoff, and ended with a failure result after `maxAttempts`, never redelivered forever.
 */
export function failHandling(
  tracked: TrackedMessage,
  deps: MessageHandlingDeps,
  error: unknown,
): Promise<void> {
  const msgId = `${tracked.messageId}:${deps.driver.name}:result`;
  const address = { driver: deps.driver.name, runId: '', resource: {}, msgId };
  return conclude(tracked, { kind: 'failed', error: toError(error) }, address, tracked.messageId, deps);
}

/** Settles a message interrupted by shutdown (nak for another instance), once. */
export function interrupt(tracked: TrackedMessage, deps: MessageHandlingDeps): Promise<void> {
  const address = { driver: deps.driver.name, runId: '', resource: {}, msgId: '' };
  return conclude(tracked, { kind: 'interrupted' }, address, tracked.messageId, deps);
}
