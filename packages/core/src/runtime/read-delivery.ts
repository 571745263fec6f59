import type { DeliveredMessage } from '../nats/delivered-message';
import { decodeDriverMessage, type DecodedDriverMessage } from '../protocol/decode-driver-message';
import { describeThrown } from '../errors/describe-thrown';
import { MalformedMessageError } from '../protocol/malformed-message-error';
import type { Resource } from '../protocol/model/resource';
import { parseDeliverySubject, type DeliveryRoute } from '../protocol/subjects';

/** A delivery after decoding: a usable message, or what could be read of a malformed one. */
export type Delivery =
  | { kind: 'decoded'; route: DeliveryRoute; message: DecodedDriverMessage; resultMsgId: string }
  | {
      kind: 'malformed';
      route?: DeliveryRoute;
      error: MalformedMessageError;
      messageId: string;
      runId: string;
      resource: Partial<Resource>;
      resultMsgId: string;
    };

/** Decodes a delivery and names the `Nats-Msg-Id` its result will carry (`<id>:<driver>:result`). */
export function readDelivery(message: DeliveredMessage, driver: string): Delivery {
  const route = parseDeliverySubject(message.subject);
  try {
    if (!route) {
      throw new MalformedMessageError([
        {
          field: 'subject',
          problem: `"${message.subject}" is not a driver subject (resources.<r> or drivers.<d>.resources.<r>)`,
        },
      ]);
    }
    const decoded = decodeDriverMessage(message.data);
    return { kind: 'decoded', route, message: decoded, resultMsgId: `${decoded.id}:${driver}:result` };
  } catch (thrown) {
    const error = asMalformed(thrown);
    const { partial } = error;
    // Without a readable id the stream sequence, stable across redeliveries, keeps the result unique.
    const messageId = partial.id ?? `seq-${message.streamSequence}`;
    return {
      kind: 'malformed',
      route,
      error,
      messageId,
      runId: partial.run_id ?? '',
      // The subject's resource type wins: the payload's may be the very field that is malformed.
      resource: { ...echoable(partial.resource), resource: route?.resource ?? partial.resource?.resource },
      resultMsgId: `${messageId}:${driver}:result`,
    };
  }
}

/** Every decode failure is a malformed message: an unforeseen one must not escape into a retry loop. */
function asMalformed(thrown: unknown): MalformedMessageError {
  if (thrown instanceof MalformedMessageError) return thrown;
  return new MalformedMessageError([
    { field: 'message', problem: `cannot be decoded: ${describeThrown(thrown)}` },
  ]);
}

/**
 * The fields of a malformed resource its failure result echoes (the engine reads name, type and
 * pipeline): scalars only, so a deeply nested value cannot make the result itself unencodable.
 */
function echoable(resource: Partial<Resource> = {}): Partial<Resource> {
  const echoed: Record<string, unknown> = {};
  for (const key of ['id', 'name', 'pipeline', 'resource'] as const) {
    const value: unknown = resource[key];
    if (value !== null && typeof value !== 'object') echoed[key] = value;
  }
  return echoed as Partial<Resource>;
}
