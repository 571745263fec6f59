import type { NatsConnection } from 'nats';
import { asMsgHdrs, headerBlock } from './pre-encoded-headers';
import { encodePubFrames, payloadBytes, type FrameMessage } from './pub-frames';

/** A message of a batch: its headers are a record shared by many messages (a run's trace context). */
export type BatchMessage = FrameMessage<Readonly<Record<string, string>>>;

/**
 * The part of nats.js 2.x's protocol handler (`connection.protocol`) a batch is written through:
 * `publish()` ends in `sendCommand(frame, ...)`, which appends to the same outbound buffer, flushed
 * the same way and kept across reconnects. Checked for at construction; test/nats/frame-writer.test.ts
 * fails if an upgrade removes it.
 */
interface ProtocolHandler {
  sendCommand(frame: Uint8Array): void;
  noMorePublishing: boolean;
  outMsgs: number;
  outBytes: number;
}

/** No server-announced limit yet (not connected): nats.js does not check one either. */
const UNKNOWN_MAX_PAYLOAD = Number.POSITIVE_INFINITY;

/**
 * Publishes a batch of messages as one buffer of PUB frames. nats.js builds a protocol string, a
 * TextEncoder buffer and three outbound chunks for every publish; log lines are published by the
 * hundred thousand, and that was most of their cost. Where the protocol handler is not the expected
 * shape, each message goes through `publish()` as before.
 */
export class FrameWriter {
  private readonly protocol: ProtocolHandler | undefined;
  private readonly blocks = new WeakMap<Readonly<Record<string, string>>, Uint8Array>();

  constructor(private readonly connection: NatsConnection) {
    this.protocol = protocolHandlerOf(connection);
  }

  /** True when batches are written as frames (false: one `publish()` each). */
  get framed(): boolean {
    return this.protocol !== undefined;
  }

  /** Writes every message it can, in order, each with `reply` when given; `refuse` says why one was not. */
  write(messages: readonly BatchMessage[], reply: string, refuse: (reason: string) => void): void {
    const protocol = this.protocol;
    if (!protocol) return this.publishEach(messages, reply, refuse);
    const unwritable = this.connection.isClosed()
      ? 'the connection is closed'
      : protocol.noMorePublishing
        ? 'the connection is draining'
        : undefined;
    if (unwritable) {
      for (let i = 0; i < messages.length; i++) refuse(unwritable);
      return;
    }
    const maxPayload = this.connection.info?.max_payload ?? UNKNOWN_MAX_PAYLOAD;
    const encoded = encodePubFrames(messages, reply, maxPayload, this.blockOf, refuse);
    if (encoded.count === 0) return;
    protocol.outMsgs += encoded.count;
    protocol.outBytes += encoded.payloadBytes;
    protocol.sendCommand(encoded.bytes);
  }

  private publishEach(
    messages: readonly BatchMessage[],
    reply: string,
    refuse: (reason: string) => void,
  ): void {
    for (const { subject, data, headers } of messages) {
      try {
        const block = headers && this.blockOf(headers);
        const options = block ? { reply, headers: asMsgHdrs(block) } : { reply };
        this.connection.publish(subject, payloadBytes(data), options);
      } catch (error) {
        refuse((error as Error).message);
      }
    }
  }

  private readonly blockOf = (headers: Readonly<Record<string, string>>): Uint8Array => {
    let block = this.blocks.get(headers);
    if (!block) {
      block = headerBlock(Object.entries(headers));
      this.blocks.set(headers, block);
    }
    return block;
  };
}

function protocolHandlerOf(connection: NatsConnection): ProtocolHandler | undefined {
  const candidate = (connection as { protocol?: Partial<ProtocolHandler> }).protocol;
  return candidate &&
    typeof candidate.sendCommand === 'function' &&
    typeof candidate.noMorePublishing === 'boolean' &&
    typeof candidate.outMsgs === 'number' &&
    typeof candidate.outBytes === 'number'
    ? (candidate as ProtocolHandler)
    : undefined;
}
