import type { PublishedDriverMessage } from '@conveyor-ts/core/testing';
import { eventually, sleep, uniqueName } from '../manager/support/manager-harness';
import { ClusterHarness } from './support/cluster-harness';

// A driver process started while the cluster has no JetStream quorum (two of three nodes down)
// waits for it, saying so once, and works when the nodes are back; it used to fail after 5 s.
// Generous bounds: this checks that start() waits and then consumes; failover times are the chaos
// scenario's to bound. Under a loaded machine the re-elections after the nodes return take longer.
jest.setTimeout(180_000);
const h = new ClusterHarness();
beforeAll(() => h.setUp());
afterAll(() => h.tearDown());

it('start() waits for JetStream quorum with a clear log line, then consumes', async () => {
  const [driver, resource] = [uniqueName('quorum'), uniqueName('res')];
  const reconciled: string[] = [];
  const [, second, third] = h.cluster.nodes;
  await Promise.all([second.halt('SIGKILL'), third.halt('SIGKILL')]);

  const starting = h.start([
    { name: driver, resources: [resource], reconcile: (ctx) => void reconciled.push(ctx.message.id) },
  ]);
  let settled = false;
  void starting.then(
    () => (settled = true),
    () => (settled = true),
  );
  await sleep(8_000);
  expect(settled).toBe(false);
  await Promise.all([second.restart(), third.restart()]);
  const { logs } = await starting;

  expect(logs.filter((l) => /JetStream is not answering.*waiting up to/.test(l.message))).toHaveLength(1);
  // The nodes are back, their streams may still be electing leaders: publish as a producer would.
  let sent: PublishedDriverMessage | undefined;
  await eventually(
    'the message stored',
    async () =>
      !!(sent = await h.publisher
        .publish({ resource: { name: 'r1', resource }, driver })
        .catch(() => undefined)),
    30_000,
  );
  await eventually('the message reconciled', () => reconciled.includes(sent!.id), 60_000);
});

it('start() fails after the bound the user set, naming the cause', async () => {
  const [, second, third] = h.cluster.nodes;
  await Promise.all([second.halt('SIGKILL'), third.halt('SIGKILL')]);
  try {
    const driver = { name: uniqueName('bound'), resources: [uniqueName('res')], reconcile: () => undefined };
    await expect(h.start([driver], { jetStreamWaitMs: 3_000 })).rejects.toThrow(
      /JetStream did not answer within 3000 ms.*majority of the cluster's nodes/,
    );
  } finally {
    await Promise.all([second.restart(), third.restart()]);
    await h.cluster.waitForJetStream();
  }
});
