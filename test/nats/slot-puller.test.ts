import type { JsMsg, NatsConnection } from 'nats';
import { driverFilterSubjects, openNatsConnection, StreamNames } from '@conveyor-ts/core';
import {
  DriverMessagePublisher,
  startTestEnvironment,
  type TestEnvironment,
} from '@conveyor-ts/core/testing';
import { provisionDriverConsumer } from '../../packages/core/src/nats/consumer-provisioner';
import { SlotPuller, type PullStop } from '../../packages/core/src/nats/slot-puller';
import { eventually, sleep, uniqueName } from '../manager/support/manager-harness';

// The runtime's own pull requests against a real nats-server: a process gets what it asked for
// (its window minus what it holds), a request that expires is renewed, and a pull nobody answers
// stops with the reason.
jest.setTimeout(60_000);
let env: TestEnvironment;
let connection: NatsConnection;
let publisher: DriverMessagePublisher;
const pullers: SlotPuller[] = [];

beforeAll(async () => {
  env = await startTestEnvironment();
  connection = await openNatsConnection({ servers: [env.url], name: 'slot-puller-test' });
  publisher = await DriverMessagePublisher.connect(env.url);
});
afterEach(() => {
  for (const puller of pullers.splice(0)) puller.close();
});
afterAll(async () => {
  await publisher?.close();
  await connection?.close();
  await env?.stop();
});

async function consumerFor(resource: string): Promise<string> {
  const driver = uniqueName('puller');
  await provisionDriverConsumer(connection, {
    driver,
    filterSubjects: driverFilterSubjects(driver, [resource]),
    deliverPolicy: 'all',
    maxAckPending: 100,
    ackWaitMs: 30_000,
  });
  return driver;
}

function puller(consumer: string, window: number, expiresMs = 5_000) {
  const received: JsMsg[] = [];
  const stops: PullStop[] = [];
  const slotPuller = new SlotPuller(connection, {
    stream: StreamNames.messages,
    consumer,
    window: () => window,
    pull: { expiresMs, heartbeatMs: 500 },
    onMessage: (msg) => received.push(msg),
  });
  pullers.push(slotPuller);
  slotPuller.pull((stop) => stops.push(stop));
  return { slotPuller, received, stops };
}

it('takes its window and no more; each release lets one more in', async () => {
  const resource = uniqueName('res');
  const consumer = await consumerFor(resource);
  for (let i = 0; i < 10; i++)
    await publisher.publish({ resource: { name: `r${i}`, resource }, driver: consumer });
  const { slotPuller, received } = puller(consumer, 3);
  await eventually('the window filled', () => received.length === 3);
  await sleep(500);
  expect(received).toHaveLength(3);

  received[0]!.ack();
  slotPuller.release();
  await eventually('one more', () => received.length === 4);
  await sleep(500);
  expect(received).toHaveLength(4);
  // Nothing was delivered twice.
  expect(new Set(received.map((m) => m.info.streamSequence)).size).toBe(4);
});

it('renews a request that expired with nothing to deliver', async () => {
  const resource = uniqueName('res');
  const consumer = await consumerFor(resource);
  const { received, stops } = puller(consumer, 2, 1_000);
  await sleep(2_500); // two expiries
  await publisher.publish({ resource: { name: 'late', resource }, driver: consumer });
  await eventually('the late message', () => received.length === 1);
  expect(stops).toEqual([]);
});

it('stops, naming why, when nobody answers its pull (no such consumer)', async () => {
  const { stops } = puller(uniqueName('absent'), 2);
  await eventually('a stop', () => stops.length === 1);
  expect(stops[0]).toEqual({
    kind: 'failed',
    why: 'nobody answered its pull (503: the consumer is missing or has no leader)',
  });
});
