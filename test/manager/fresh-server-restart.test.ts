import { DriverMessagePublisher, createConveyorStreams } from '@conveyor-ts/core/testing';
import { ManagerHarness, eventually, sleep, uniqueName } from './support/manager-harness';

// `conveyor dev` without `--data-dir` restarts with an empty store: the streams come back (the
// control plane creates them at start) but the driver's consumer does not. The running driver must
// re-create it at once, so a resource applied right after the restart is reconciled; it used to
// stay silent for ~50 s, and what was published meanwhile matched no consumer and was lost.
jest.setTimeout(150_000);
// Measured: 0.3-1 s (the consume loop retries every second while the stream is missing).
const RECOVERY_LIMIT_MS = 5_000;
const h = new ManagerHarness();
beforeAll(() => h.setUp());
afterAll(() => h.tearDown());

it('re-creates its consumer at once after the server came back empty: nothing applied is lost', async () => {
  const [driver, resource] = [uniqueName('fresh'), uniqueName('res')];
  const reconciled = new Set<string>();
  const { logs } = await h.start([
    { name: driver, resources: [resource], reconcile: (ctx) => void reconciled.add(ctx.message.id) },
  ]);
  const before = await h.publisher.publish({ resource: { name: 'before', resource }, driver });
  await eventually('the first message reconciled', () => reconciled.has(before.id));

  await h.env.server.restartEmpty();
  const restartedAt = Date.now();
  await createConveyorStreams(h.env.url);
  // A connection of its own: the harness's publisher has its own reconnect to make, not measured here.
  const publisher = await DriverMessagePublisher.connect(h.env.url);
  // One new resource every 200 ms, as a user re-applying would, until the driver reconciles one.
  let reconciledAt: number | undefined;
  for (let i = 0; reconciledAt === undefined && Date.now() - restartedAt < 90_000; i++) {
    const sent = await publisher
      .publish({ resource: { name: `after${i}`, resource }, driver })
      .catch(() => undefined);
    await sleep(200);
    if (sent && reconciled.has(sent.id)) reconciledAt = Date.now();
  }
  await publisher.close();
  const recoveryMs = (reconciledAt ?? Date.now()) - restartedAt;
  console.log(`fresh-server-restart: first reconcile ${recoveryMs} ms after the server came back empty`);
  expect(recoveryMs).toBeLessThan(RECOVERY_LIMIT_MS);
  expect(
    logs.filter((l) =>
      /is pulling again \(nobody answered its pull \(503: the consumer is missing/.test(l.message),
    ),
  ).toHaveLength(1);
});
