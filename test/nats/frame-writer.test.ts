import { connect, type Msg, type NatsConnection } from 'nats';
import { openNatsConnection } from '@conveyor-ts/core';
import { startTestEnvironment, type TestEnvironment } from '@conveyor-ts/core/testing';
import { FrameWriter, type BatchMessage } from '../../packages/core/src/nats/frame-writer';
import { payloadBytes } from '../../packages/core/src/nats/pub-frames';

// Batches written as PUB frames straight into nats.js's outbound buffer must reach a real server
// exactly as one `publish()` each would: subjects, replies, headers, bytes, order.
jest.setTimeout(60_000);
const MAX_PAYLOAD = 64 * 1024;
let env: TestEnvironment;
let reader: NatsConnection;

beforeAll(async () => {
  env = await startTestEnvironment({ maxPayloadBytes: MAX_PAYLOAD });
  reader = await connect({ servers: env.url, name: 'frame-writer-reader' });
});
afterAll(async () => {
  await reader?.close();
  await env?.stop();
});

const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const batch: BatchMessage[] = [
  { subject: 'frames.a', data: '{"message":"first"}' },
  { subject: 'frames.a', data: 'ünïcode 日本 ✓', headers: { traceparent } },
  { subject: 'frames.b', data: Uint8Array.from([0, 13, 10, 255]) },
  { subject: 'frames.a', data: '' },
  { subject: 'frames.b', data: 'x'.repeat(MAX_PAYLOAD + 1) },
  { subject: 'frames.b', data: 'bad header', headers: { traceparent: 'a\r\nInjected: yes' } },
  { subject: 'frames.a', data: 'last' },
  // A payload that writes itself (a log record): framed without a string or buffer of its own.
  {
    subject: 'frames.b',
    data: { byteLength: () => 9, writeTo: (out: Buffer, at: number) => at + out.write('self-made', at) },
  },
];

/** Collects what arrives on `frames.>` until `count` messages came. */
async function receive(count: number, send: () => void): Promise<Msg[]> {
  const sub = reader.subscribe('frames.>', { max: count });
  await reader.flush();
  send();
  const got: Msg[] = [];
  for await (const msg of sub) got.push(msg);
  return got;
}

const seen = (msgs: Msg[]) =>
  msgs.map((m) => ({
    subject: m.subject,
    reply: m.reply ?? '',
    data: Buffer.from(m.data).toString('latin1'),
    traceparent: m.headers?.get('traceparent') ?? '',
  }));
const expected = (reply: string) =>
  [batch[0]!, batch[1]!, batch[2]!, batch[3]!, batch[6]!, batch[7]!].map((m) => ({
    subject: m.subject,
    reply,
    data: Buffer.from(payloadBytes(m.data)).toString('latin1'),
    traceparent: m.headers?.traceparent ?? '',
  }));

describe.each([
  ['as frames through the protocol handler', true],
  ['one publish() each where the handler is not there', false],
])('a batch written %s', (_label, framed) => {
  let connection: NatsConnection;
  let writer: FrameWriter;
  beforeAll(async () => {
    connection = await openNatsConnection({ name: 'frame-writer', servers: [env.url] });
    // The fallback sees a connection without nats.js's protocol handler.
    const seenAs = framed ? connection : withoutProtocolHandler(connection);
    writer = new FrameWriter(seenAs);
  });
  afterAll(() => connection.close());

  it(`is ${framed ? '' : 'not '}framed`, () => {
    // Fails first if a nats.js upgrade renames what the fast path writes through.
    expect(writer.framed).toBe(framed);
  });

  it.each(['', 'frames-reply.1'])(
    'arrives in order, byte for byte, with headers and reply %j',
    async (reply) => {
      const refused: string[] = [];
      const before = connection.stats().outMsgs;
      const got = await receive(7, () => {
        writer.write(batch, reply, (why) => refused.push(why));
        connection.publish('frames.a', 'after the batch');
      });
      expect(seen(got)).toEqual([
        ...expected(reply),
        { subject: 'frames.a', reply: '', data: 'after the batch', traceparent: '' },
      ]);
      expect(refused).toEqual([
        expect.stringMatching(
          framed ? `above the server's max_payload of ${MAX_PAYLOAD} bytes` : /MAX_PAYLOAD/,
        ),
        'header traceparent: a value must not contain CR or LF',
      ]);
      expect(connection.stats().outMsgs - before).toBe(7);
    },
  );
});

it('refuses every message of a batch on a closed connection, naming why', async () => {
  const connection = await openNatsConnection({ name: 'frame-writer-closed', servers: [env.url] });
  const writer = new FrameWriter(connection);
  await connection.drain();
  const refused: string[] = [];
  writer.write(batch.slice(0, 2), '', (why) => refused.push(why));
  expect(refused).toEqual(['the connection is closed', 'the connection is closed']);
});

/** The connection's public API only, as a client without nats.js 2.x's internals would look. */
function withoutProtocolHandler(connection: NatsConnection): NatsConnection {
  return {
    info: connection.info,
    isClosed: () => connection.isClosed(),
    publish: (...args: Parameters<NatsConnection['publish']>) => connection.publish(...args),
  } as unknown as NatsConnection;
}
