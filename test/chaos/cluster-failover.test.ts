import { StreamNames } from '@conveyor-ts/core';
import type { NatsServerProcess } from '@conveyor-ts/core/testing';
import { ClusterHarness } from '../cluster/support/cluster-harness';
import { SteadyLoad, longestStall } from '../cluster/support/steady-load';
import { DriverProcess } from '../manager/support/driver-process';
import { eventually, uniqueName } from '../manager/support/manager-harness';
import { waitUntilDrained } from './support/drained';
import { faultTimeline } from './support/fault-timeline';
import { reportFigures } from './support/report-figures';

// A 3-node JetStream cluster (R3 streams), two driver processes sharing one consumer, 2,000 events
// at a steady 25/s, and five faults in turn: the consumer leader killed, the stream leader killed,
// a follower killed, a rolling restart of all nodes, a consumer leader step-down. A fault's stall
// is the longest time without a reconcile from the fault until the driver had done 50 more.
jest.setTimeout(300_000);

const EVENTS = 2_000;
const INTERVAL_MS = 40;
// Measured on the loaded 2-core machine over two runs (the `[chaos] cluster-failover` line): a
// killed consumer leader 5.7-5.8 s, a killed stream leader 3.0-6.8 s, nearly all of it nats-server
// electing a successor (its Raft election timeout is 4-9 s, out of a client's hands); a follower
// 0.05 s; a rolling restart 0.1-7.2 s; a step-down 0.3 s. Bounds leave room for a slower election.
const STALL_LIMIT_MS = { kill: 15_000, follower: 5_000, rolling: 10_000, stepDown: 5_000 };
const h = new ClusterHarness();
const processes: DriverProcess[] = [];
let load: SteadyLoad | undefined;
beforeAll(() => h.setUp());
afterAll(async () => {
  // A failed run leaves the load publishing (and retrying) until told to stop.
  await load?.stop();
  for (const p of processes) p.kill('SIGKILL');
  await h.tearDown();
});

it('survives leader kills, a follower kill, a rolling restart and a step-down: one result per message, stalls bounded', async () => {
  const [driver, resource] = [uniqueName('cluster'), uniqueName('res')];
  const env = { NATS_URL: h.cluster.urls.join(','), DRIVER: driver, RESOURCE: resource };
  const options = { ...env, HOLD_MS: '20', CONCURRENCY: '4', ACK_WAIT_MS: '10000', WARNINGS: '1' };
  processes.push(new DriverProcess(options), new DriverProcess(options));
  await eventually('both processes ready', () => processes.every((p) => p.count('ready') === 1), 60_000);

  const startedAt = Date.now();
  const steady = new SteadyLoad(
    h.publisher,
    (i) => ({ resource: { name: `e${i}`, resource }, driver }),
    INTERVAL_MS,
    EVENTS,
  );
  load = steady;
  const reconcileTimes = () =>
    processes.flatMap((p) => p.events.filter((e) => e.event === 'reconciling').map((e) => e.at));
  const stalls: Record<string, number> = {};
  const fault = async (name: string, inflict: () => Promise<void>) => {
    await eventually(
      `a steady run before "${name}"`,
      () => reconcileTimes().length >= steady.sent.length - 20,
      60_000,
    );
    const publisherOn = h.publisher.connection.info?.server_name;
    const at = Date.now();
    await inflict();
    await eventually(
      `50 reconciles after "${name}"`,
      () => reconcileTimes().filter((t) => t > at).length >= 50,
      90_000,
    );
    const window = { from: at, to: Date.now() };
    stalls[name] = longestStall(reconcileTimes(), window.from, window.to);
    process.stdout.write(faultTimeline(name, window, steady, processes, h.cluster, publisherOn));
  };
  const leader = (consumer?: string) => h.cluster.leaderOf(StreamNames.messages, consumer);
  const bounce = async (node: NatsServerProcess, signal: NodeJS.Signals) => {
    await node.halt(signal);
    return async () => {
      await node.restart();
      await h.cluster.waitForJetStream();
    };
  };

  let restore: () => Promise<void> = async () => undefined;
  await fault('consumerLeaderKilled', async () => {
    restore = await bounce(await leader(driver), 'SIGKILL');
  });
  await restore();
  await fault('streamLeaderKilled', async () => {
    restore = await bounce(await leader(), 'SIGKILL');
  });
  await restore();
  await fault('followerKilled', async () => {
    const busy = new Set([(await leader()).serverName, (await leader(driver)).serverName]);
    const follower = h.cluster.nodes.find((n) => !busy.has(n.serverName)) ?? h.cluster.nodes[0];
    restore = await bounce(follower, 'SIGKILL');
  });
  await restore();
  await fault('rollingRestart', async () => {
    for (const node of h.cluster.nodes) await (await bounce(node, 'SIGTERM'))();
  });
  await fault('consumerStepDown', async () => {
    const placement = await h.cluster.placement();
    // Just after a rolling restart the meta leader can answer "stream not found" for a moment,
    // while messages flow: ask again until the step-down is done.
    await eventually(
      'the consumer leader to step down',
      () =>
        placement.stepDownConsumer(StreamNames.messages, driver).then(
          () => true,
          () => false,
        ),
      30_000,
    );
  });
  await steady.finished();

  const info = await waitUntilDrained(h, driver, 120_000);
  const sent = steady.sent;
  const runIds = new Set(sent.map((s) => s.runId));
  const results = (await h.results.results()).filter((r) => runIds.has(r.event.run_id));
  const resultsPerRun = new Map<string, number>();
  for (const r of results) resultsPerRun.set(r.event.run_id, (resultsPerRun.get(r.event.run_id) ?? 0) + 1);
  const acked = new Set(
    processes.flatMap((p) =>
      p.events.filter((e) => e.event === 'settled' && e.action === 'ack').map((e) => e.id),
    ),
  );
  const reconciles = reconcileTimes().length;
  reportFigures('cluster-failover', {
    events: sent.length,
    ...Object.fromEntries(Object.entries(stalls).map(([name, ms]) => [`${name}StallMs`, ms])),
    reconciles,
    results: results.length,
    seconds: ((Date.now() - startedAt) / 1000).toFixed(1),
  });

  expect(sent.filter((s) => resultsPerRun.get(s.runId) !== 1)).toEqual([]);
  expect(results.filter((r) => r.event.driverresult?.success !== true)).toEqual([]);
  expect(sent.filter((s) => !acked.has(s.id))).toEqual([]);
  expect(info).toMatchObject({ num_pending: 0, num_ack_pending: 0 });
  expect(stalls.consumerLeaderKilled).toBeLessThan(STALL_LIMIT_MS.kill);
  expect(stalls.streamLeaderKilled).toBeLessThan(STALL_LIMIT_MS.kill);
  expect(stalls.followerKilled).toBeLessThan(STALL_LIMIT_MS.follower);
  expect(stalls.rollingRestart).toBeLessThan(STALL_LIMIT_MS.rolling);
  expect(stalls.consumerStepDown).toBeLessThan(STALL_LIMIT_MS.stepDown);
});
