/**
 * A payload that writes its own bytes into the frame buffer: a log line needs no string or buffer
 * of its own on the way to the socket.
 */
export interface WritablePayload {
  byteLength(): number;
  /** Writes exactly `byteLength()` bytes at `at`; returns the offset after them. */
  writeTo(out: Buffer, at: number): number;
}

/** One message to write as a frame; a string payload is written as UTF-8. */
export interface FrameMessage<H> {
  subject: string;
  data: Uint8Array | string | WritablePayload;
  headers?: H;
}

const isWritable = (data: FrameMessage<unknown>['data']): data is WritablePayload =>
  typeof (data as Partial<WritablePayload>).writeTo === 'function';

/** A payload as bytes, for a publish that is not written as frames. */
export function payloadBytes(data: FrameMessage<unknown>['data']): Uint8Array | string {
  if (!isWritable(data)) return data;
  const bytes = Buffer.allocUnsafe(data.byteLength());
  data.writeTo(bytes, 0);
  return bytes;
}

/** Turns a message's headers into their wire block, `NATS/1.0\r\n<key>: <value>\r\n...\r\n`; may throw. */
export type HeaderBlockOf<H> = (headers: H) => Uint8Array;

/** What `encodePubFrames` wrote. */
export interface EncodedFrames {
  bytes: Buffer;
  /** Messages written. */
  count: number;
  /** Their header and payload bytes, as nats.js counts `outBytes`. */
  payloadBytes: number;
}

const CR = 13;
const LF = 10;
const SPACE = 32;
/** Room for the verb, separators, two decimal lengths and CRLFs of one frame (the subject and reply at 3 bytes a unit). */
const FRAME_OVERHEAD = 48;

/**
 * The NATS client protocol's `PUB <subject> [reply] <size>\r\n<payload>\r\n` (and `HPUB <subject>
 * [reply] <header size> <total size>\r\n<headers><payload>\r\n`) for a batch, in one buffer. A run of
 * messages to one subject shares its `PUB <subject> <reply> ` prefix, copied from the previous frame:
 * no string and no buffer per message. A message above `maxPayload` is not written; `refuse` says why.
 */
export function encodePubFrames<H>(
  messages: readonly FrameMessage<H>[],
  reply: string,
  maxPayload: number,
  blockOf: HeaderBlockOf<H>,
  refuse: (reason: string) => void,
): EncodedFrames {
  // First the sizes (and refusals, in message order), then one buffer that holds every frame.
  const blocks: (Uint8Array | undefined)[] = new Array(messages.length);
  const dataLengths: number[] = new Array(messages.length);
  let size = 0;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    if (m.subject.length === 0) {
      // As publish() refuses it: `PUB  <size>` would be a protocol error that costs the connection.
      dataLengths[i] = REFUSED;
      refuse('a message without a subject');
      continue;
    }
    try {
      if (m.headers !== undefined) blocks[i] = blockOf(m.headers);
    } catch (error) {
      dataLengths[i] = REFUSED;
      refuse((error as Error).message);
      continue;
    }
    const dataLength =
      typeof m.data === 'string'
        ? Buffer.byteLength(m.data, 'utf8')
        : isWritable(m.data)
          ? m.data.byteLength()
          : m.data.length;
    const total = (blocks[i]?.length ?? 0) + dataLength;
    if (total > maxPayload) {
      dataLengths[i] = REFUSED;
      refuse(
        `a message of ${total} bytes to "${m.subject}" is above the server's max_payload of ${maxPayload} bytes`,
      );
      continue;
    }
    dataLengths[i] = dataLength;
    size += FRAME_OVERHEAD + 3 * (m.subject.length + reply.length) + total;
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  let count = 0;
  let payloadBytes = 0;
  let prefixOf: { subject: string; headers: boolean; start: number; end: number } | undefined;
  for (let i = 0; i < messages.length; i++) {
    const dataLength = dataLengths[i]!;
    if (dataLength === REFUSED) continue;
    const m = messages[i]!;
    const block = blocks[i];
    const headerLength = block?.length ?? 0;
    const total = headerLength + dataLength;
    const hasHeaders = block !== undefined;
    if (prefixOf && prefixOf.subject === m.subject && prefixOf.headers === hasHeaders) {
      at += out.copy(out, at, prefixOf.start, prefixOf.end);
    } else {
      const start = at;
      at += out.write(hasHeaders ? 'HPUB ' : 'PUB ', at, 'latin1');
      at += out.write(m.subject, at, 'utf8');
      out[at++] = SPACE;
      if (reply) {
        at += out.write(reply, at, 'utf8');
        out[at++] = SPACE;
      }
      prefixOf = { subject: m.subject, headers: hasHeaders, start, end: at };
    }
    if (block) {
      at = writeDecimal(out, at, headerLength);
      out[at++] = SPACE;
    }
    at = writeDecimal(out, at, total);
    out[at++] = CR;
    out[at++] = LF;
    if (block) {
      out.set(block, at);
      at += headerLength;
    }
    if (typeof m.data === 'string') out.write(m.data, at, 'utf8');
    else if (isWritable(m.data)) {
      // A payload that wrote another length would corrupt the stream and cost the connection.
      if (m.data.writeTo(out, at) !== at + dataLength)
        throw new Error(`a payload to "${m.subject}" changed its length`);
    } else out.set(m.data, at);
    at += dataLength;
    out[at++] = CR;
    out[at++] = LF;
    count++;
    payloadBytes += total;
  }
  return { bytes: out.subarray(0, at), count, payloadBytes };
}

/** Marks a message refused in the first pass: not written. */
const REFUSED = -1;

/** Writes a non-negative integer's decimal digits at `at`; returns the offset after them. */
function writeDecimal(out: Buffer, at: number, value: number): number {
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  let rest = value;
  for (let i = at + digits - 1; i >= at; i--) {
    out[i] = 48 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return at + digits;
}
