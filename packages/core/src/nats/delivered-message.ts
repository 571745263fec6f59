import type { JsMsg } from 'nats';
import { readAckSubject } from './ack-subject';

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
  /** `performance.now()` at its arrival. */
  readonly receivedAt: number;
  ack(): void;
  /** Redeliver after `delayMs` (always a delay: never an immediate redelivery loop). */
  nak(delayMs: number): void;
  term(reason: string): void;
  /** In-progress heartbeat: resets the server's ack wait. */
  working(): void;
  /** A header's value (trace context), or undefined. */
  header?(name: string): string | undefined;
}

/**
 * A JsMsg seen as a DeliveredMessage: one object per message whose methods live on the prototype
 * (closures per message were measurable garbage on the hot path). `onAck` hears each ack sent.
 */
class JsDeliveredMessage implements DeliveredMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly deliveryCount: number;
  readonly streamSequence: number;

  constructor(
    private readonly msg: JsMsg,
    readonly receivedAt: number,
    private readonly onAck: ((msg: JsMsg) => void) | undefined,
  ) {
    this.subject = msg.subject;
    this.data = msg.data;
    // nats.js's JsMsg has the ack subject as `reply`; its type does not say so.
    const info = readAckSubject((msg as JsMsg & { readonly reply: string }).reply);
    this.deliveryCount = info.deliveryCount;
    this.streamSequence = info.streamSequence;
  }

  ack(): void {
    this.msg.ack();
    this.onAck?.(this.msg);
  }

  nak(delayMs: number): void {
    this.msg.nak(Math.max(1, Math.round(delayMs)));
  }

  term(reason: string): void {
    this.msg.term(reason);
  }

  working(): void {
    this.msg.working();
  }

  header(name: string): string | undefined {
    return this.msg.headers?.get(name) || undefined;
  }
}

export function toDeliveredMessage(
  msg: JsMsg,
  receivedAt: number,
  onAck?: (msg: JsMsg) => void,
): DeliveredMessage {
  return new JsDeliveredMessage(msg, receivedAt, onAck);
}
