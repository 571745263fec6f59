import { NatsTransport, openNatsConnection, StreamNames, Subjects } from '@conveyor-ts/core';
import { startTestEnvironment, type TestEnvironment } from '@conveyor-ts/core/testing';

const connectTestClient = (name: string, url: string) => openNatsConnection({ name, servers: [url] });

// `publishDurable` (the result path) without nats.js requests: what js.publish answered must still
// be answered, against a real nats-server.
jest.setTimeout(60_000);
let env: TestEnvironment;
let transport: NatsTransport;
const data = new TextEncoder().encode('{"event":"driver.result"}');

beforeAll(async () => {
  env = await startTestEnvironment();
  transport = new NatsTransport(await connectTestClient('durable-publisher', env.url));
});
afterAll(async () => {
  await transport?.close();
  await env?.stop();
});

it('resolves with where JetStream stored the message, and reports a second copy as a duplicate', async () => {
  const first = await transport.publishDurable(Subjects.driverResult, data, { msgId: 'dup-1' });
  expect(first).toEqual({ stream: StreamNames.pipelineEngine, seq: expect.any(Number), duplicate: false });
  const again = await transport.publishDurable(Subjects.driverResult, data, { msgId: 'dup-1' });
  expect(again).toEqual({ stream: StreamNames.pipelineEngine, seq: first.seq, duplicate: true });
});

it('stores the headers it was given and the message id, as nats.js headers would', async () => {
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  const ack = await transport.publishDurable(Subjects.driverResult, data, {
    msgId: 'with-headers',
    headers: { traceparent },
  });
  const admin = await connectTestClient('durable-publisher-reader', env.url);
  try {
    const stored = await (
      await admin.jetstreamManager()
    ).streams.getMessage(StreamNames.pipelineEngine, {
      seq: ack.seq,
    });
    expect(stored.header.get('traceparent')).toBe(traceparent);
    expect(stored.header.get('Nats-Msg-Id')).toBe('with-headers');
  } finally {
    await admin.close();
  }
  await expect(
    transport.publishDurable(Subjects.driverResult, data, { msgId: 'bad\r\nInjected: yes' }),
  ).rejects.toThrow('header Nats-Msg-Id: a value must not contain CR or LF');
});

it('answers many publishes in flight at once, each with its own sequence', async () => {
  const acks = await Promise.all(
    Array.from({ length: 500 }, (_, i) =>
      transport.publishDurable(Subjects.driverResult, data, { msgId: `many-${i}` }),
    ),
  );
  expect(new Set(acks.map((a) => a.seq)).size).toBe(500);
});

it('rejects, naming why, when no stream takes the subject', async () => {
  await expect(transport.publishDurable('nowhere.at.all', data, { msgId: 'x' })).rejects.toThrow(
    'no stream for the subject (503)',
  );
});

it("rejects with JetStream's own words when the stream refuses the message", async () => {
  const admin = await connectTestClient('durable-publisher-admin', env.url);
  try {
    await (
      await admin.jetstreamManager()
    ).streams.add({ name: 'tiny', subjects: ['tiny.>'], max_msg_size: 8 });
    await expect(transport.publishDurable('tiny.one', data)).rejects.toThrow(
      /JetStream refused it: .*message size/i,
    );
  } finally {
    await admin.close();
  }
});

it('rejects after its timeout when nothing answers', async () => {
  const silent = await connectTestClient('silent-listener', env.url);
  try {
    silent.subscribe('silent.>'); // interest without a reply: no 503, no PubAck
    await silent.flush();
    const began = Date.now();
    await expect(transport.publishDurable('silent.one', data, { timeoutMs: 300 })).rejects.toThrow(
      'no PubAck for silent.one within the timeout',
    );
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
    expect(Date.now() - began).toBeLessThan(3_000); // not held up by a later deadline armed earlier
  } finally {
    await silent.close();
  }
});

it('sends a publish with a message id again after a reconnect: a PubAck lost with the server is not waited out', async () => {
  const pid = env.server.pid!;
  process.kill(pid, 'SIGSTOP'); // the publish reaches a server that never answers it
  const publishedAt = Date.now();
  const stored = transport.publishDurable(Subjects.driverResult, data, {
    msgId: 'lost-ack',
    timeoutMs: 45_000,
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await env.server.restart('SIGKILL');
  const ack = await stored;
  expect(ack.duplicate).toBe(false);
  // Answered after the reconnect, long before the 45 s timeout (measured: about 1 s).
  expect(Date.now() - publishedAt).toBeLessThan(15_000);
  const again = await transport.publishDurable(Subjects.driverResult, data, { msgId: 'lost-ack' });
  expect(again).toEqual({ ...ack, duplicate: true });
});
