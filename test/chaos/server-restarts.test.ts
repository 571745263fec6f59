import type { PublishedDriverMessage } from '@conveyor-ts/core/testing';
import { ManagerHarness, eventually, sleep, uniqueName } from '../manager/support/manager-harness';
import { waitUntilDrained } from './support/drained';
import { publishMany } from './support/publish-many';
import { reportFigures } from './support/report-figures';

// nats-server is restarted three times (SIGTERM, SIGKILL, SIGTERM; same port and store folder) while
// a producer keeps publishing. Before each restart a backlog of 150 events is stored, so the server
// has work to deliver once it is back. "Resumed" is the first reconcile of a message that the
// restarted server delivered, timed from the moment the server reported ready.
jest.setTimeout(180_000);

const RESTARTS: NodeJS.Signals[] = ['SIGTERM', 'SIGKILL', 'SIGTERM'];
// Measured here: 0.23-0.33 s for each of nine restarts. Before a reconnect ended a consumer lookup
// still waiting on the server that went away, one restart in two or three took 1.97-1.98 s (that
// lookup's 2 s timeout).
const RESUME_LIMIT_MS = 1_500;
const h = new ManagerHarness();
let producing = true;
let producer: Promise<void> | undefined;
beforeAll(() => h.setUp());
afterAll(async () => {
  producing = false;
  await producer;
  await h.tearDown();
});

it('restarts nats-server 3 times mid-run: no event lost, consumption resumes within 1.5 s each time', async () => {
  const [driver, resource] = [uniqueName('restarts'), uniqueName('res')];
  const startedAt = Date.now();
  const deliveries: Array<{ id: string; at: number }> = [];
  const reconcileStarts: Array<{ id: string; at: number }> = [];
  const reconciled = new Set<string>();
  const { manager } = await h.start([
    {
      name: driver,
      resources: [resource],
      // An ack sent just before the server went away is lost; the message returns after the ack wait.
      options: { concurrency: 4, ackWaitMs: 5_000 },
      reconcile: async (ctx) => {
        reconcileStarts.push({ id: ctx.message.id, at: Date.now() });
        await sleep(20);
        reconciled.add(ctx.message.id);
      },
    },
  ]);
  manager.on('message.received', (e) => deliveries.push({ id: e.messageId, at: Date.now() }));
  const message = (name: string) => ({
    resource: { name, resource },
    driver,
    id: uniqueName('id'),
    runId: uniqueName('run'),
  });

  // About 50 events/s, each retried with the same id until JetStream stored it.
  const sent: PublishedDriverMessage[] = [];
  producer = (async () => {
    for (let i = 0; producing; i++) {
      const next = message(`e${i}`);
      while (producing) {
        try {
          sent.push(await h.publisher.publish(next));
          break;
        } catch {
          await sleep(100);
        }
      }
      await sleep(20);
    }
  })();

  const firstReconcileAfter = (readyAt: number) =>
    reconcileStarts.find(
      (r) => r.at >= readyAt && deliveries.some((d) => d.id === r.id && d.at >= readyAt && d.at <= r.at),
    );
  const resumeMs: number[] = [];
  for (const signal of RESTARTS) {
    const mark = sent.length;
    await eventually(
      'a steady run: 50 more events produced and nearly all reconciled',
      () => sent.length >= mark + 50 && reconciled.size >= sent.length - 20,
      60_000,
    );
    sent.push(...(await publishMany(h.publisher, 150, (i) => message(`backlog${i}`))));
    await h.env.restart(signal);
    const readyAt = Date.now();
    await eventually(
      `first reconcile after the ${signal} restart`,
      () => !!firstReconcileAfter(readyAt),
      60_000,
    );
    resumeMs.push(firstReconcileAfter(readyAt)!.at - readyAt);
  }
  await sleep(1_000);
  producing = false;
  await producer;

  const info = await waitUntilDrained(h, driver, 60_000);
  const runIds = new Set(sent.map((s) => s.runId));
  const results = (await h.results.results()).filter((r) => runIds.has(r.event.run_id));
  const lost = sent.filter((s) => !reconciled.has(s.id));
  reportFigures('server-restarts', {
    events: sent.length,
    restarts: RESTARTS.join('/'),
    resumeMs: resumeMs.join('/'),
    reconciles: reconcileStarts.length,
    results: results.length,
    lost: lost.length,
    seconds: ((Date.now() - startedAt) / 1000).toFixed(1),
  });

  expect(lost).toEqual([]);
  expect(results).toHaveLength(sent.length);
  expect(new Set(results.map((r) => r.event.run_id)).size).toBe(sent.length);
  expect(info).toMatchObject({ num_pending: 0, num_ack_pending: 0 });
  for (const ms of resumeMs) expect(ms).toBeLessThan(RESUME_LIMIT_MS);
});
