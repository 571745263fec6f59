import { createHash } from 'node:crypto';
import { Subjects, encodeDriverMessage, type Resource, type TraceHeaders } from '@conveyor-ts/core';

/**
 * Stores a message in JetStream; `msgId` makes a repeated publish inside the dedupe window a no-op.
 * `headers` carry the trace context (the Go server ignores them, protocol §7.4).
 */
export type DurablePublish = (
  subject: string,
  data: Uint8Array,
  msgId: string,
  headers?: TraceHeaders,
) => Promise<void>;

/**
 * Sends a pipeline step to its driver on `drivers.<driver>.resources.<type>`. The message id and the
 * JetStream `Nats-Msg-Id` derive from the run and the step, so redoing a transition after a crash
 * sends nothing twice, and a driver sees the same id on every delivery.
 */
export class Dispatcher {
  constructor(private readonly publish: DurablePublish) {}

  async sendStep(step: {
    runId: string;
    index: number;
    driver: string;
    event: string;
    resource: Resource;
    trace?: TraceHeaders;
  }): Promise<void> {
    const key = `${step.runId}:${step.index}`;
    const subject = Subjects.driverResource(step.driver, step.resource.resource);
    const data = encodeDriverMessage({
      event: step.event,
      resource: step.resource,
      id: messageId(key),
      runId: step.runId,
    });
    await this.publish(subject, data, key, step.trace);
  }

  /** A resource without a pipeline goes to every driver watching its type (protocol §4.1). */
  async broadcast(runId: string, resource: Resource, trace?: TraceHeaders): Promise<void> {
    await this.publish(
      Subjects.resource(resource.resource),
      broadcastMessage(runId, resource),
      `${runId}:broadcast`,
      trace,
    );
  }

  /** Bytes of the message that carries `resource` to a driver (a step's is as large), to check before storing. */
  messageBytes(runId: string, resource: Resource): number {
    return broadcastMessage(runId, resource).length;
  }

  /** Hands a new pipeline run to the engine (protocol §4.2). */
  async init(data: Uint8Array, runId: string, trace?: TraceHeaders): Promise<void> {
    await this.publish(Subjects.pipelineInit, data, `${runId}:init`, trace);
  }
}

function broadcastMessage(runId: string, resource: Resource): Uint8Array {
  return encodeDriverMessage({ event: 'create', resource, id: messageId(runId), runId });
}

/** 24 lowercase hex characters, like the server's ids (protocol §3.4). */
function messageId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 24);
}
