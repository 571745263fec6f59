import { DriverProcess } from './support/driver-process';
import { ManagerHarness, eventually, uniqueName } from './support/manager-harness';

jest.setTimeout(90_000);
const h = new ManagerHarness();
const children: DriverProcess[] = [];
beforeAll(() => h.setUp());
afterEach(async () => {
  await Promise.all(children.splice(0).map((p) => p.stop()));
});
afterAll(() => h.tearDown());

function spawnDriver(driver: string, resource: string, env: Record<string, string> = {}): DriverProcess {
  const child = new DriverProcess({ NATS_URL: h.env.url, DRIVER: driver, RESOURCE: resource, ...env });
  children.push(child);
  return child;
}

describe('driver processes', () => {
  it('redelivers the work of a process killed mid-reconcile to a second one; nothing acked before its result', async () => {
    const [driver, resource] = [uniqueName('crash'), uniqueName('res')];
    const first = spawnDriver(driver, resource, { HOLD_MS: '60000' });
    await eventually('first ready', () => first.count('ready') === 1, 30_000);
    const sent = await h.publisher.publish({ resource: { name: 'job', resource }, driver });
    await eventually('first reconciling', () => first.count('reconciling') === 1);

    first.kill('SIGKILL');
    await first.exited;
    expect(await h.resultsFor(sent.runId)).toHaveLength(0);
    expect((await h.consumerInfo(driver)).num_ack_pending).toBe(1); // not acked: still ours to redo

    const second = spawnDriver(driver, resource, { HOLD_MS: '10' });
    const results = await h.waitForResultsOf([sent.runId], 30_000);
    expect(second.events.find((e) => e.event === 'reconciling')?.attempt).toBeGreaterThanOrEqual(2);
    expect(results).toHaveLength(1);
    await eventually('acked', async () => (await h.consumerInfo(driver)).num_ack_pending === 0);
  });

  it('on SIGTERM finishes in-flight work within the grace period and exits 0', async () => {
    const [driver, resource] = [uniqueName('term'), uniqueName('res')];
    const child = spawnDriver(driver, resource, { HOLD_MS: '1500', CONCURRENCY: '3', GRACE_MS: '5000' });
    await eventually('ready', () => child.count('ready') === 1, 30_000);
    const sent = await Promise.all(
      [1, 2, 3].map((i) => h.publisher.publish({ resource: { name: `job${i}`, resource }, driver })),
    );
    await eventually('all reconciling', () => child.count('reconciling') === 3);
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const exit = await child.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(5_000 + 3_000);
    expect(child.count('reconciled')).toBe(3);
    expect(await h.waitForResultsOf(sent.map((s) => s.runId))).toHaveLength(3);
  });

  it('on SIGTERM naks work that cannot finish within the grace period; another process completes it', async () => {
    const [driver, resource] = [uniqueName('grace'), uniqueName('res')];
    const child = spawnDriver(driver, resource, { HOLD_MS: '60000', GRACE_MS: '500' });
    await eventually('ready', () => child.count('ready') === 1, 30_000);
    const sent = await h.publisher.publish({ resource: { name: 'long', resource }, driver });
    await eventually('reconciling', () => child.count('reconciling') === 1);
    child.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
    expect(await h.resultsFor(sent.runId)).toHaveLength(0);

    const next = spawnDriver(driver, resource, { HOLD_MS: '10' });
    await h.waitForResultsOf([sent.runId], 30_000);
    expect(next.count('reconciled')).toBe(1);
  });

  it('shares one driver between two processes: each message reconciled once', async () => {
    const [driver, resource] = [uniqueName('shared'), uniqueName('res')];
    const a = spawnDriver(driver, resource, { HOLD_MS: '20', CONCURRENCY: '2' });
    const b = spawnDriver(driver, resource, { HOLD_MS: '20', CONCURRENCY: '2' });
    await eventually('both ready', () => a.count('ready') + b.count('ready') === 2, 30_000);
    const sent = [];
    for (let i = 0; i < 60; i++)
      sent.push(await h.publisher.publish({ resource: { name: `m${i}`, resource }, driver }));
    const results = await h.waitForResultsOf(
      sent.map((s) => s.runId),
      30_000,
    );
    expect(results).toHaveLength(60);
    const names = [...a.events, ...b.events].filter((e) => e.event === 'reconciled').map((e) => e.name);
    expect(names).toHaveLength(60);
    expect(new Set(names).size).toBe(60);
    expect(a.count('reconciled')).toBeGreaterThan(0);
    expect(b.count('reconciled')).toBeGreaterThan(0);
  });
});
