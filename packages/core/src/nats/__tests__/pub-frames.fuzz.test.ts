import fc from 'fast-check';
import { encodePubFrames, payloadBytes, type FrameMessage, type WritablePayload } from '../pub-frames';

interface ParsedFrame {
  subject: string;
  reply: string;
  headers: string;
  data: string;
}

/** Reads PUB/HPUB frames back as the NATS client protocol defines them (sizes in bytes). */
function parseFrames(bytes: Buffer): ParsedFrame[] {
  const frames: ParsedFrame[] = [];
  let at = 0;
  while (at < bytes.length) {
    const lineEnd = bytes.indexOf('\r\n', at);
    const fields = bytes.subarray(at, lineEnd).toString('utf8').split(' ');
    const verb = fields.shift();
    const total = Number(fields.pop());
    const headerSize = verb === 'HPUB' ? Number(fields.pop()) : 0;
    const [subject, reply = ''] = fields;
    const body = bytes.subarray(lineEnd + 2, lineEnd + 2 + total);
    expect(bytes.subarray(lineEnd + 2 + total, lineEnd + 4 + total).toString()).toBe('\r\n');
    frames.push({
      subject: subject!,
      reply,
      headers: body.subarray(0, headerSize).toString('utf8'),
      data: body.subarray(headerSize).toString('utf8'),
    });
    at = lineEnd + 4 + total;
  }
  return frames;
}

/** A payload that writes the UTF-8 bytes of `text` itself, as a log record does. */
const writable = (text: string): WritablePayload => ({
  byteLength: () => Buffer.byteLength(text),
  writeTo: (out, at) => at + out.write(text, at, 'utf8'),
});

const token = fc.stringMatching(/^[A-Za-z0-9_\-éü日本]{1,12}$/);
const subject = fc.array(token, { minLength: 1, maxLength: 4 }).map((t) => t.join('.'));
const message = fc.record(
  {
    // Few subjects, so runs of one subject (whose prefix is copied) are common.
    subject: fc.oneof(fc.constantFrom('logs.run-1', 'live.logs.run-1.cloner'), subject),
    data: fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.uint8Array({ maxLength: 60 }),
      fc.string({ unit: 'grapheme', maxLength: 60 }).map(writable),
    ),
    headers: fc.option(fc.constantFrom('a', 'b', 'bad'), { nil: undefined }),
  },
  { requiredKeys: ['subject', 'data'] },
);
const blocks: Record<string, string> = {
  a: 'NATS/1.0\r\ntraceparent: 00-1\r\n\r\n',
  b: 'NATS/1.0\r\nx: é\r\n\r\n',
};
const blockOf = (name: string): Uint8Array => {
  if (!(name in blocks)) throw new Error(`header ${name}: cannot be encoded`);
  return Buffer.from(blocks[name]!);
};
const bytesOf = (data: FrameMessage<string>['data']) => Buffer.from(payloadBytes(data));
const size = (m: FrameMessage<string>) =>
  bytesOf(m.data).length + (m.headers ? Buffer.byteLength(blocks[m.headers] ?? '') : 0);

describe('encodePubFrames', () => {
  it('writes every message a NATS parser reads back, in order; refuses the oversized and unencodable', () => {
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 30 }),
        fc.option(subject, { nil: '' }),
        fc.integer({ min: 0, max: 200 }),
        (messages, reply, maxPayload) => {
          const refused: string[] = [];
          const encoded = encodePubFrames(messages, reply, maxPayload, blockOf, (why) => refused.push(why));
          const writable = messages.filter((m) => m.headers !== 'bad' && size(m) <= maxPayload);
          expect(parseFrames(encoded.bytes)).toEqual(
            writable.map((m) => ({
              subject: m.subject,
              reply,
              headers: m.headers ? blocks[m.headers] : '',
              data: bytesOf(m.data).toString(),
            })),
          );
          expect(encoded.count).toBe(writable.length);
          expect(encoded.payloadBytes).toBe(writable.reduce((sum, m) => sum + size(m), 0));
          expect(refused).toHaveLength(messages.length - writable.length);
          for (const why of refused)
            expect(why).toMatch(/cannot be encoded|above the server's max_payload of/);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('throws, naming the subject, rather than write a frame whose payload wrote another length', () => {
    const liar: WritablePayload = { byteLength: () => 4, writeTo: (out, at) => at + out.write('three', at) };
    expect(() =>
      encodePubFrames([{ subject: 'logs.run-1', data: liar }], '', 1024, blockOf, () => undefined),
    ).toThrow('a payload to "logs.run-1" changed its length');
  });
});
