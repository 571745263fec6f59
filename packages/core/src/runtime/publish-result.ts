import { RESULT_PUBLISH_TIMEOUT_MS } from '../constants';
import { describeThrown } from '../errors/describe-thrown';
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
 * then `data`. The engine only reads name, type, pipeline and the result. A spec or data JSON cannot
 * serialize (nested deeper than the stack allows) is dropped the same way.
 */
function encodeWithin(address: ResultAddress, result: DriverResult, maxPayload: number): Uint8Array {
  const encode = (resource: Partial<Resource>, r: DriverResult) =>
    encodeJson(buildResultEvent(address.runId, resource, r, address.driver));
  const full = tryEncode(() => encode(address.resource, result));
  if (full && full.length <= maxPayload) return full;
  const withoutSpec = { ...address.resource, spec: null };
  const slim = tryEncode(() => encode(withoutSpec, result));
  if (slim && slim.length <= maxPayload) return slim;
  const why = slim
    ? `larger than the server's max payload of ${maxPayload} bytes`
    : 'it cannot be serialized to JSON';
  // The message is cut too: a reconcile's own message may be what is too large.
  const message = `${describeThrown(result.message)} (result data dropped: ${why})`;
  return encode(withoutSpec, { ...result, message, data: null });
}

function tryEncode(encode: () => Uint8Array): Uint8Array | undefined {
  try {
    return encode();
  } catch {
    return undefined;
  }
}
