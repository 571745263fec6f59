import { RESULT_PUBLISH_TIMEOUT_MS } from '../constants';
import type { NatsTransport } from '../nats/transport';
import { buildResultEvent, encodeJson } from '../protocol/encode';
import type { DriverResult } from '../protocol/model/driver-result';
import type { Resource } from '../protocol/model/resource';
import { Subjects } from '../protocol/subjects';

/** What publishing a result needs from the transport (`NatsTransport`; a fake in unit tests). */
export type ResultTransport = Pick<NatsTransport, 'publishDurable' | 'maxPayload'>;

export interface ResultAddress {
  driver: string;
  runId: string;
  resource: Partial<Resource>;
  /** `<message id>:<driver>:result`: a redelivery inside the dedupe window stores no second result. */
  msgId: string;
}

/** Publishes the `driver.result` PipelineEvent and resolves once JetStream has stored it. */
export async function publishResult(
  transport: ResultTransport,
  address: ResultAddress,
  result: DriverResult,
  /** Trace context for the engine (tracing on). */
  headers?: Readonly<Record<string, string>>,
): Promise<void> {
  const maxPayload = transport.maxPayload ?? Number.POSITIVE_INFINITY;
  await transport.publishDurable(Subjects.driverResult, encodeWithin(address, result, maxPayload), {
    msgId: address.msgId,
    timeoutMs: RESULT_PUBLISH_TIMEOUT_MS,
    headers,
  });
}

/**
 * The result echoes the resource; a resource near the server's max payload would make it
 * unpublishable (and the message retried forever), so the engine-irrelevant `spec` is dropped first,
 * then `data`. The engine only reads name, type, pipeline and the result.
 */
function encodeWithin(address: ResultAddress, result: DriverResult, maxPayload: number): Uint8Array {
  const full = encodeJson(buildResultEvent(address.runId, address.resource, result, address.driver));
  if (full.length <= maxPayload) return full;
  const withoutSpec = { ...address.resource, spec: null };
  const slim = encodeJson(buildResultEvent(address.runId, withoutSpec, result, address.driver));
  if (slim.length <= maxPayload) return slim;
  const note = `${result.message} (result data dropped: larger than the server's max payload of ${maxPayload} bytes)`;
  return encodeJson(
    buildResultEvent(address.runId, withoutSpec, { ...result, message: note, data: null }, address.driver),
  );
}
