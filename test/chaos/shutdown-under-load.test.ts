import { SHUTDOWN_SETTLE_TIMEOUT_MS } from '../../packages/core/src/constants';
import { DriverProcess } from '../manager/support/driver-process';
import { ManagerHarness, eventually, uniqueName } from '../manager/support/manager-harness';
import { waitUntilDrained } from './support/drained';
import { publishMany } from './support/publish-many';
import { reportFigures } from './support/report-figures';

// SIGTERM reaches a process with 50 reconciles running and 10 more waiting for a slot: 20 finish
// inside the grace period, 30 would take a minute, the 10 waiting ones must be handed back at once. The long ones are aborted and, adversarially, resolve with success as soon as
// their signal aborts (ABORT_RETURNS): the runtime must still nak them, never ack or answer them.
jest.setTimeout(120_000);

const IN_FLIGHT = 50;
const SHORT = 20;
const QUEUED = 10;
const GRACE_MS = 2_000;
// Past the grace period: nak the aborted work, flush logs, drain the connection, exit.
const EXIT_MARGIN_MS = 2_000;
const h = new ManagerHarness();
const processes: DriverProcess[] = [];
beforeAll(() => h.setUp());
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await h.tearDown();
});

it('SIGTERM with 50 reconciles in flight: only finished work acked, exit within grace, the rest redone after restart', async () => {
  const [driver, resource] = [uniqueName('term'), uniqueName('res')];
  const spawn = (env: Record<string, string>) => {
    const p = new DriverProcess({ NATS_URL: h.env.url, DRIVER: driver, RESOURCE: resource, ...env });
    processes.push(p);
    return p;
  };
  const first = spawn({
    CONCURRENCY: String(IN_FLIGHT),
    GRACE_MS: String(GRACE_MS),
    HOLD_FROM_SPEC: '1',
    ABORT_RETURNS: '1',
  });
  await eventually('ready', () => first.count('ready') === 1, 60_000);
  const sent = await publishMany(h.publisher, IN_FLIGHT + QUEUED, (i) => ({
    resource: { name: `job${i}`, resource, spec: { holdMs: i < SHORT ? 300 + i * 40 : 60_000 } },
    driver,
  }));
  await eventually(
    '50 reconciling, 10 more received',
    () => first.count('reconciling') === IN_FLIGHT && first.count('received') === IN_FLIGHT + QUEUED,
    30_000,
  );

  const signalledAt = Date.now();
  first.kill('SIGTERM');
  const exit = await first.exited;
  const exitMs = Date.now() - signalledAt;
  await first.closed;

  const names = (event: string) => first.events.filter((e) => e.event === event).map((e) => e.name!);
  const nameOf = new Map(sent.map((s, i) => [s.id, `job${i}`]));
  const settledAs = (action: string) =>
    first.events.filter((e) => e.event === 'settled' && e.action === action).map((e) => nameOf.get(e.id!)!);
  const finished = names('reconciled');
  const aborted = names('aborted');
  const byRunId = new Map(sent.map((s, i) => [s.runId, `job${i}`]));
  const storedBeforeRestart = (await h.results.results())
    .filter((r) => byRunId.has(r.event.run_id))
    .map((r) => byRunId.get(r.event.run_id)!);
  const consumer = await h.consumerInfo(driver);

  // Acked = exactly the reconciles that finished, each answered; the aborted ones nak'ed, unanswered.
  expect(exit.code).toBe(0);
  expect(exitMs).toBeLessThan(GRACE_MS + EXIT_MARGIN_MS);
  expect(finished.sort()).toEqual(
    sent
      .slice(0, SHORT)
      .map((_, i) => `job${i}`)
      .sort(),
  );
  expect(aborted).toHaveLength(IN_FLIGHT - SHORT);
  expect(settledAs('ack').sort()).toEqual([...finished].sort());
  const queued = sent.slice(IN_FLIGHT).map((_, i) => `job${IN_FLIGHT + i}`);
  expect(settledAs('nak').sort()).toEqual([...aborted, ...queued].sort());
  expect(names('reconciling').filter((n) => queued.includes(n))).toEqual([]); // never started
  expect(storedBeforeRestart.sort()).toEqual([...finished].sort());
  expect(consumer.num_ack_pending).toBe(IN_FLIGHT + QUEUED - SHORT); // nak'ed, not acked: still owed

  const second = spawn({ CONCURRENCY: '8', HOLD_MS: '10' });
  const info = await waitUntilDrained(h, driver, 60_000);
  const results = (await h.results.results()).filter((r) => byRunId.has(r.event.run_id));
  const redone = second.events.filter((e) => e.event === 'reconciling');
  reportFigures('shutdown-under-load', {
    inFlight: IN_FLIGHT,
    queued: QUEUED,
    finishedInGrace: finished.length,
    abortedAndNaked: aborted.length,
    queuedAndNaked: queued.length,
    exitMs,
    graceMs: GRACE_MS,
    ackPendingAfterExit: consumer.num_ack_pending,
    redoneAfterRestart: redone.length,
    results: results.length,
  });
  expect(redone.map((e) => e.name).sort()).toEqual([...aborted, ...queued].sort());
  expect(redone.every((e) => e.attempt! >= 2)).toBe(true);
  expect(results).toHaveLength(IN_FLIGHT + QUEUED);
  expect(new Set(results.map((r) => r.event.run_id)).size).toBe(IN_FLIGHT + QUEUED);
  expect(info).toMatchObject({ num_pending: 0, num_ack_pending: 0 });
});

it('SIGTERM while nats-server is unreachable: exits soon after the grace period; the work is redone once it is back', async () => {
  const [driver, resource] = [uniqueName('term-down'), uniqueName('res')];
  const spawn = (env: Record<string, string>) => {
    const p = new DriverProcess({ NATS_URL: h.env.url, DRIVER: driver, RESOURCE: resource, ...env });
    processes.push(p);
    return p;
  };
  const first = spawn({ CONCURRENCY: '4', HOLD_MS: '1000', GRACE_MS: String(GRACE_MS) });
  await eventually('ready', () => first.count('ready') === 1, 60_000);
  const sent = await publishMany(h.publisher, 4, (i) => ({
    resource: { name: `job${i}`, resource },
    driver,
  }));
  await eventually('4 reconciling', () => first.count('reconciling') === 4, 30_000);

  // The reconciles finish inside the grace period, but their results cannot be stored.
  await h.env.server.halt('SIGKILL');
  const signalledAt = Date.now();
  first.kill('SIGTERM');
  const exit = await first.exited;
  const exitMs = Date.now() - signalledAt;
  await h.env.server.restart();

  const second = spawn({ CONCURRENCY: '4', HOLD_MS: '10' });
  const info = await waitUntilDrained(h, driver, 60_000);
  const runIds = new Set(sent.map((s) => s.runId));
  const results = (await h.results.results()).filter((r) => runIds.has(r.event.run_id));
  reportFigures('shutdown-server-down', {
    inFlight: 4,
    exitMs,
    graceMs: GRACE_MS,
    settleTimeoutMs: SHUTDOWN_SETTLE_TIMEOUT_MS,
    redoneAfterRestart: second.count('reconciled'),
    results: results.length,
  });
  expect(exit.code).toBe(0);
  // Not the 10 s result publish timeout on top of the grace period.
  expect(exitMs).toBeLessThan(GRACE_MS + SHUTDOWN_SETTLE_TIMEOUT_MS + EXIT_MARGIN_MS);
  expect(second.count('reconciled')).toBe(4);
  expect(results).toHaveLength(4);
  expect(info).toMatchObject({ num_pending: 0, num_ack_pending: 0 });
});
