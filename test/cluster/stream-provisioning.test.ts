import { StreamNames, openNatsConnection, provisionConveyorStreams } from '@conveyor-ts/core';
import { NatsCluster } from '@conveyor-ts/core/testing';
import type { NatsConnection } from 'nats';
import { openJetStreamBackend } from '../../packages/control-plane/src/nats/jetstream-backend';

// Stream bootstrap on a 3-node JetStream cluster: it creates what is missing, and leaves the
// replicas and settings of a stream an operator made alone (it used to send num_replicas: 1).
jest.setTimeout(120_000);

let cluster: NatsCluster;
let nc: NatsConnection;
beforeAll(async () => {
  cluster = await NatsCluster.start();
  nc = await openNatsConnection({ name: 'stream-provisioning-test', servers: cluster.urls });
  await cluster.placement(); // its admin connection is made while every node is up
});
afterAll(async () => {
  await nc?.close();
  await cluster?.stop();
});

it('creates missing streams and keeps an existing R3 stream at R3 with its operator settings', async () => {
  const jsm = await nc.jetstreamManager();
  const maxAge = 3_600 * 1e9;
  await jsm.streams.add({
    name: StreamNames.messages,
    subjects: ['resources.>', 'events.>'],
    retention: 'interest' as never,
    num_replicas: 3,
    max_age: maxAge,
  });

  await provisionConveyorStreams(nc, { replicas: 3 });
  await provisionConveyorStreams(nc);

  const messages = (await jsm.streams.info(StreamNames.messages)).config;
  expect(messages.num_replicas).toBe(3);
  expect(messages.max_age).toBe(maxAge);
  expect(messages.subjects).toEqual(['resources.>', 'events.>', 'drivers.>']);
  const engine = await jsm.streams.info(StreamNames.pipelineEngine);
  expect(engine.config.num_replicas).toBe(3);
  expect(engine.cluster?.replicas).toHaveLength(2);
});

it("the control plane's bootstrap uses every seed URL: the first seed down never stops it", async () => {
  const [first] = cluster.nodes;
  await first.halt('SIGKILL');
  // A bucket the cluster places on the dead node waits for it (R1 buckets), so it comes back after
  // 10 s; what must never happen is a failure to reach NATS because the first seed is down.
  const back = new Promise((resolve) => setTimeout(resolve, 10_000)).then(() => first.restart());
  const errors: string[] = [];
  try {
    await eventually(async () => {
      const backend = await openJetStreamBackend({ servers: cluster.urls }).catch((error: Error) => {
        errors.push(error.message);
        throw error;
      });
      await backend.close();
    }, 90_000);
    expect(errors.filter((e) => /Cannot connect to NATS/.test(e))).toEqual([]);
    const jsm = await nc.jetstreamManager();
    expect((await jsm.streams.info(StreamNames.logsEngine)).config.num_replicas).toBe(3);
  } finally {
    await back;
    await cluster.waitForJetStream();
  }
});

async function eventually(check: () => Promise<void>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
