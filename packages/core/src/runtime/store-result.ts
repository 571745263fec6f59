import {
  RESULT_PUBLISH_TIMEOUT_MS,
  RESULT_RETRY_INITIAL_DELAY_MS,
  RESULT_RETRY_MAX_DELAY_MS,
} from '../constants';
import { describeThrown } from '../errors/describe-thrown';
import type { LogPipeline } from '../logging/log-pipeline';
import type { NatsTransport } from '../nats/transport';
import { buildResultEvent, encodeJson } from '../protocol/encode';
import type { DriverResult } from '../protocol/model/driver-result';
import type { Resource } from '../protocol/model/resource';
import { Subjects } from '../protocol/subjects';

/** What publishing a result needs from the transport (`NatsTransport`; a fake in unit tests). */
export type ResultTransport = Pick<NatsTransport, 'publishDurable' | 'maxPayload'>;

/** Where results go, who hears about a store that is down, and whether shutdown began. */
export interface ResultStore {
  transport: ResultTransport;
  logs: LogPipeline;
  isStopping(): boolean;
}

export interface ResultAddress {
  driver: string;
  runId: string;
  resource: Partial<Resource>;
  /** `<message id>:<driver>:result`: a redelivery inside the dedupe window stores no second result. */
  msgId: string;
}

/**
 * Publishes the `driver.result` PipelineEvent until JetStream has stored it (its PubAck), waiting a
 * little longer after each failure. The reconcile is done: a result store that is down (a result
 * stream electing its leader, 503, no PubAck) must not cost a redelivery that counts as an attempt
 * and runs the reconcile again. The message stays ours meanwhile (its heartbeat goes on). Once
 * shutdown began it stops retrying and throws the last error (the message is nak'ed; the result
 * dedupes by its `msgId`).
 */
export async function storeResult(
  store: ResultStore,
  address: ResultAddress,
  result: DriverResult,
  /** The DriverMessage id, for the log line of a store that is down. */
  messageId: string,
  /** Trace context for the engine (tracing on). */
  headers?: Readonly<Record<string, string>>,
): Promise<void> {
  const data = encodeWithin(address, result, store.transport.maxPayload ?? Number.POSITIVE_INFINITY);
  const options = { msgId: address.msgId, timeoutMs: RESULT_PUBLISH_TIMEOUT_MS, headers };
  for (let failures = 1; ; failures++) {
    try {
      await store.transport.publishDurable(Subjects.driverResult, data, options);
      return;
    } catch (error) {
      if (store.isStopping()) throw error;
      const delayMs = Math.min(
        RESULT_RETRY_MAX_DELAY_MS,
        RESULT_RETRY_INITIAL_DELAY_MS * 2 ** (failures - 1),
      );
      // Said on the first failure and every tenth, not on each retry.
      if (failures === 1 || failures % 10 === 0) {
        store.logs.process.warn(
          `The result of message ${messageId} is not stored yet (${(error as Error).message}; ${failures} tries): publishing it again in ${delayMs} ms; the reconcile is not repeated`,
          { messageId },
        );
      }
      await waitUnless(store.isStopping, delayMs);
    }
  }
}

/** Waits `ms`, or less once `stop()` is true (checked every 100 ms), so shutdown is not held up. */
async function waitUnless(stop: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!stop() && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, until - Date.now())));
  }
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
