import type { DeliveredMessage } from '../nats/delivered-message';
import { decodeDriverMessage, type DecodedDriverMessage } from '../protocol/decode-driver-message';
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
  } catch (error) {
    if (!(error instanceof MalformedMessageError)) throw error;
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
      resource: { ...partial.resource, resource: route?.resource ?? partial.resource?.resource },
      resultMsgId: `${messageId}:${driver}:result`,
    };
  }
}
