import { StreamNames } from '@conveyor-ts/core';
import {
  DriverMessagePublisher,
  startTestEnvironment,
  type TestEnvironment,
} from '@conveyor-ts/core/testing';

// The test publisher's `dedupe`: a retried publish of one message is stored once, as a load that
// retries after a lost PubAck needs; without it, as from the Conveyor server, every copy is stored.
jest.setTimeout(30_000);
let env: TestEnvironment;
let publisher: DriverMessagePublisher;

beforeAll(async () => {
  env = await startTestEnvironment();
  publisher = await DriverMessagePublisher.connect(env.url);
});
afterAll(async () => {
  await publisher?.close();
  await env?.stop();
});

// The stream keeps messages only while a consumer is interested: count by its sequence.
const storedMessages = async () =>
  (await (await publisher.connection.jetstreamManager()).streams.info(StreamNames.messages)).state.last_seq;
const message = (id: string) => ({ resource: { name: 'r', resource: 'thing' }, driver: 'd', id });

it('stores a message published twice with dedupe once, and twice without', async () => {
  const before = await storedMessages();
  await publisher.publish(message('aaaaaaaaaaaaaaaaaaaaaaaa'), { dedupe: true, timeoutMs: 2_000 });
  await publisher.publish(message('aaaaaaaaaaaaaaaaaaaaaaaa'), { dedupe: true, timeoutMs: 2_000 });
  expect(await storedMessages()).toBe(before + 1);
  await publisher.publish(message('bbbbbbbbbbbbbbbbbbbbbbbb'));
  await publisher.publish(message('bbbbbbbbbbbbbbbbbbbbbbbb'));
  expect(await storedMessages()).toBe(before + 3);
});
