import { ConsumerConflictError, type DriverDefinition } from '@conveyor-ts/core';
import { ManagerHarness, eventually, sleep, uniqueName } from './support/manager-harness';

jest.setTimeout(90_000);
const h = new ManagerHarness();
beforeAll(() => h.setUp());
afterEach(() => h.stopManagers());
afterAll(() => h.tearDown());

const driver = (
  reconcile: DriverDefinition['reconcile'],
  options: DriverDefinition['options'] = {},
): DriverDefinition => ({
  name: uniqueName('drv'),
  resources: [uniqueName('res'), uniqueName('res')],
  reconcile,
  options,
});

describe('consumers', () => {
  it('creates a durable consumer with both filters per resource, then updates it in place', async () => {
    const d = driver(() => undefined, { concurrency: 3, ackWaitMs: 5_000 });
    await h.start([d]);
    const { config } = await h.consumerInfo(d.name);
    expect(config).toMatchObject({
      durable_name: d.name,
      name: d.name,
      ack_policy: 'explicit',
      deliver_policy: 'all',
      max_ack_pending: 96, // 3 x 32
      ack_wait: 5_000_000_000,
    });
    expect([...(config.filter_subjects ?? [])].sort()).toEqual(
      d.resources.flatMap((r) => [`resources.${r}`, `drivers.${d.name}.resources.${r}`]).sort(),
    );
    await h.stopManagers();
    await h.start([{ ...d, options: { concurrency: 8, ackWaitMs: 5_000 } }]);
    expect((await h.consumerInfo(d.name)).config.max_ack_pending).toBe(256);
  });

  it('refuses a consumer that cannot be updated in place, naming what differs', async () => {
    const d = driver(() => undefined);
    await h.start([d]);
    await h.stopManagers();
    const failure = h.start([{ ...d, options: { deliverPolicy: 'new' } }]);
    await expect(failure).rejects.toBeInstanceOf(ConsumerConflictError);
    await expect(failure).rejects.toThrow(/deliver_policy: existing "all", wanted "new"/);
  });
});

describe('concurrency', () => {
  it('runs up to `concurrency` reconciles at once, and one driver hanging never blocks another', async () => {
    let running = 0;
    let peak = 0;
    const busy = driver(
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await sleep(300);
        running -= 1;
      },
      { concurrency: 8 },
    );
    const hung = driver(() => new Promise(() => undefined), { timeoutMs: 60_000 });
    await h.start([busy, hung], { shutdownGraceMs: 300 });
    await h.publisher.publish({
      resource: { name: 'stuck', resource: hung.resources[0] },
      driver: hung.name,
    });
    const sent = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        h.publisher.publish({ resource: { name: `r${i}`, resource: busy.resources[0] }, driver: busy.name }),
      ),
    );
    await h.waitForResultsOf(sent.map((s) => s.runId));
    expect(peak).toBe(8);
  });

  it('keeps messages of one resource in order while other resources run in parallel', async () => {
    const log: string[] = [];
    let running = 0;
    let peak = 0;
    const d = driver(
      async (ctx) => {
        running += 1;
        peak = Math.max(peak, running);
        log.push(`start ${ctx.resource.name} ${ctx.resource.spec as number}`);
        await sleep(50);
        log.push(`end ${ctx.resource.name} ${ctx.resource.spec as number}`);
        running -= 1;
      },
      { concurrency: 4, orderByResource: true },
    );
    await h.start([d]);
    const sent = [];
    for (let i = 0; i < 4; i++) {
      for (const name of ['a', 'b'])
        sent.push(await h.publisher.publish({ resource: { name, resource: d.resources[0], spec: i } }));
    }
    await h.waitForResultsOf(sent.map((s) => s.runId));
    for (const name of ['a', 'b']) {
      const own = log.filter((l) => l.split(' ')[1] === name);
      expect(own).toEqual([0, 1, 2, 3].flatMap((i) => [`start ${name} ${i}`, `end ${name} ${i}`]));
    }
    expect(peak).toBe(2);
  });
});

describe('server restart', () => {
  it('resumes consuming after nats-server restarts mid-run: every message reconciled and answered', async () => {
    const reconciled = new Set<string>();
    const d = driver(
      async (ctx) => {
        await sleep(20);
        reconciled.add(ctx.resource.name);
      },
      // A delivery lost in flight while the server is down comes back after the ack wait: keep it short.
      { concurrency: 4, ackWaitMs: 5_000 },
    );
    const statuses: string[] = [];
    const { manager, logs } = await h.start([d]);
    manager.on('connection.status', (s) => statuses.push(s.status));
    const sent = [];
    for (let i = 0; i < 20; i++)
      sent.push(
        await h.publisher.publish({
          resource: { name: `before${i}`, resource: d.resources[0] },
          driver: d.name,
        }),
      );
    await h.env.restart();
    for (let i = 0; i < 20; i++) {
      const message = {
        resource: { name: `after${i}`, resource: d.resources[0] },
        driver: d.name,
        id: `after${i}`,
        runId: uniqueName('run'),
      };
      // The publisher reconnects too; retry with the same ids until JetStream is back.
      for (;;) {
        try {
          sent.push(await h.publisher.publish(message));
          break;
        } catch {
          await sleep(200);
        }
      }
    }
    const results = await h.waitForResultsOf(
      sent.map((s) => s.runId),
      45_000,
    );
    expect(results).toHaveLength(40); // one stored result per message, redeliveries deduplicated
    expect(reconciled.size).toBe(40);
    expect(statuses).toContain('reconnected');
    // The run-log connection reconnects on its own, and says so.
    await eventually('the run-log connection reconnected', () =>
      logs.some((l) => l.level === 'warn' && l.message === 'NATS connection for run logs: reconnected'),
    );
  });
});
