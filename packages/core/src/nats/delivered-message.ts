import type { JsMsg } from 'nats';

/**
 * A JetStream message as the runtime sees it: its bytes, where it came from, how often it was
 * delivered, and the four ways to settle it. Keeps `nats` types out of the runtime.
 */
export interface DeliveredMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  /** 1 on first delivery. */
  readonly deliveryCount: number;
  /** Stable across redeliveries; identifies a message whose own id could not be read. */
  readonly streamSequence: number;
  ack(): void;
  /** Redeliver after `delayMs` (always a delay: never an immediate redelivery loop). */
  nak(delayMs: number): void;
  term(reason: string): void;
  /** In-progress heartbeat: resets the server's ack wait. */
  working(): void;
  /** A header's value (trace context), or undefined. */
  header?(name: string): string | undefined;
}

export function toDeliveredMessage(msg: JsMsg): DeliveredMessage {
  return {
    subject: msg.subject,
    data: msg.data,
    deliveryCount: msg.info.deliveryCount,
    streamSequence: msg.info.streamSequence,
    ack: () => msg.ack(),
    nak: (delayMs) => msg.nak(Math.max(1, Math.round(delayMs))),
    term: (reason) => msg.term(reason),
    working: () => msg.working(),
    header: (name) => msg.headers?.get(name) || undefined,
  };
}
