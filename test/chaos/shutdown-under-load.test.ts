import { DriverProcess } from '../manager/support/driver-process';
import { ManagerHarness, eventually, uniqueName } from '../manager/support/manager-harness';
import { waitUntilDrained } from './support/drained';
import { publishMany } from './support/publish-many';
import { reportFigures } from './support/report-figures';

// SIGTERM reaches a process with 50 reconciles running: 20 finish inside the grace period, 30 would
// take a minute. The long ones are aborted and, adversarially, resolve with success as soon as
// their signal aborts (ABORT_RETURNS): the runtime must still nak them, never ack or answer them.
jest.setTimeout(120_000);

const IN_FLIGHT = 50;
const SHORT = 20;
const GRACE_MS = 2_000;
// Past the grace period: nak the aborted work, flush logs, drain the connection, exit.
const EXIT_MARGIN_MS = 2_000;
const h = new ManagerHarness();
const processes: DriverProcess[] = [];
beforeAll(() => h.setUp());
afterAll(async () => {
  for (const p of processes) p.kill('SIGKILL');
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
  const sent = await publishMany(h.publisher, IN_FLIGHT, (i) => ({
    resource: { name: `job${i}`, resource, spec: { holdMs: i < SHORT ? 300 + i * 40 : 60_000 } },
    driver,
  }));
  await eventually('all 50 reconciling', () => first.count('reconciling') === IN_FLIGHT, 30_000);

  const signalledAt = Date.now();
  first.kill('SIGTERM');
  const exit = await first.exited;
  const exitMs = Date.now() - signalledAt;
  await first.closed;

  const names = (event: string) => first.events.filter((e) => e.event === event).map((e) => e.name!);
  const nameOf = new Map(first.events.filter((e) => e.event === 'reconciling').map((e) => [e.id!, e.name!]));
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
  expect(settledAs('nak').sort()).toEqual([...aborted].sort());
  expect(storedBeforeRestart.sort()).toEqual([...finished].sort());
  expect(consumer.num_ack_pending).toBe(IN_FLIGHT - SHORT); // nak'ed, not acked: still owed

  const second = spawn({ CONCURRENCY: '8', HOLD_MS: '10' });
  const info = await waitUntilDrained(h, driver, 60_000);
  const results = (await h.results.results()).filter((r) => byRunId.has(r.event.run_id));
  const redone = second.events.filter((e) => e.event === 'reconciling');
  reportFigures('shutdown-under-load', {
    inFlight: IN_FLIGHT,
    finishedInGrace: finished.length,
    abortedAndNaked: aborted.length,
    exitMs,
    graceMs: GRACE_MS,
    ackPendingAfterExit: consumer.num_ack_pending,
    redoneAfterRestart: redone.length,
    results: results.length,
  });
  expect(redone.map((e) => e.name).sort()).toEqual([...aborted].sort());
  expect(redone.every((e) => e.attempt! >= 2)).toBe(true);
  expect(results).toHaveLength(IN_FLIGHT);
  expect(new Set(results.map((r) => r.event.run_id)).size).toBe(IN_FLIGHT);
  expect(info).toMatchObject({ num_pending: 0, num_ack_pending: 0 });
});
