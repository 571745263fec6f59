import type { DriverDefinition } from './driver-definition';
import type { ConcurrencyGate } from './concurrency-gate';
import { MessageContext } from './message-context';
import { readDelivery } from './read-delivery';
import { runReconcile } from './run-reconcile';
import { NO_TRACE, traceMessage } from '../tracing/message-trace';
import { settle, type SettlementDeps } from './settlement';
import type { TrackedMessage } from './tracked-message';

export interface MessageHandlingDeps extends SettlementDeps {
  driver: DriverDefinition;
  gate: ConcurrencyGate;
}

/**
 * The hot path for one message: decode -> gate (then, if run logs are backed up, their catch-up) ->
 * reconcile -> settle (`settlement.ts`). Never throws. The gate's slot covers the reconcile;
 * settling (result PubAck, then ack) overlaps the next reconcile.
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
    return settle(tracked, { kind: 'malformed', error, route }, address, deps);
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
    return settle(tracked, { kind: 'skipped', event }, address, deps, trace);
  if (attempt > options.maxAttempts) return settle(tracked, { kind: 'exhausted' }, address, deps, trace);

  const key = options.orderByResource ? `${resource.resource}/${resource.name}` : undefined;
  const entering = deps.gate.enter(key);
  if (entering) await entering;
  let holding = true;
  try {
    const backedUp = deps.logs.untilCaughtUp?.(); // run logs are shipped before more are made
    if (backedUp) await backedUp;
    if (tracked.settling) return; // settled by shutdown while it waited
    if (deps.isStopping()) return await settle(tracked, { kind: 'interrupted' }, address, deps);
    tracked.phase = 'reconciling';
    const logger = deps.logs.forRun({
      driver: driver.name,
      runId,
      event,
      messageId: id,
      pipeline: resource.pipeline ?? '',
      traceHeaders: trace.headers,
    });
    const info = { id, subject: message.subject, route: delivery.route, attempt };
    const context = new MessageContext(resource, event, runId, logger, info, tracked.abort);
    const outcome = await (trace === NO_TRACE
      ? runReconcile(driver, context, tracked, options.timeoutMs)
      : trace.within(() => runReconcile(driver, context, tracked, options.timeoutMs)));
    if (outcome.kind === 'failed') {
      logger.error(
        `Reconcile failed on attempt ${attempt} of ${options.maxAttempts}: ${outcome.error.message}`,
      );
    }
    // The slot bounds reconciles, not PubAck round trips: the next reconcile starts while this result
    // travels (it is still stored before this message is acked). Per-resource order keeps the key
    // until the result is stored, so the resource's next event finds this one settled.
    if (key === undefined) {
      holding = false;
      deps.gate.leave(key);
    }
    await settle(tracked, outcome, address, deps, trace);
  } finally {
    if (holding) deps.gate.leave(key);
  }
}
