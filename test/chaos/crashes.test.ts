import { DriverProcess } from '../manager/support/driver-process';
import { ManagerHarness, eventually, uniqueName } from '../manager/support/manager-harness';
import { waitUntilDrained } from './support/drained';
import { publishMany } from './support/publish-many';
import { reportFigures } from './support/report-figures';

// Two driver processes share one consumer; one of them is SIGKILLed ten times mid-run and restarted.
// A message is "in flight" at a kill when the killed process received it and had not yet sent its
// ack (the fixture prints both). Only those may be reconciled twice; every one must end stored and acked.
jest.setTimeout(300_000);

const EVENTS = 2_000;
const KILLS = 10;
const h = new ManagerHarness();
const processes: DriverProcess[] = [];
beforeAll(() => h.setUp());
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await h.tearDown();
});

/** Ids the process received and has not settled (acked, nak'ed or terminated). */
function unsettled(p: DriverProcess): Set<string> {
  const open = new Map<string, number>();
  for (const e of p.events) {
    if (e.event === 'received') open.set(e.id!, (open.get(e.id!) ?? 0) + 1);
    if (e.event === 'settled') open.set(e.id!, (open.get(e.id!) ?? 0) - 1);
  }
  return new Set([...open].filter(([, n]) => n > 0).map(([id]) => id));
}

it('SIGKILL x10 during a 2,000-event run: every message stored and acked, duplicates only of in-flight work', async () => {
  const [driver, resource] = [uniqueName('crash'), uniqueName('res')];
  const spawn = (): DriverProcess => {
    const p = new DriverProcess({
      NATS_URL: h.env.url,
      DRIVER: driver,
      RESOURCE: resource,
      HOLD_MS: '100',
      CONCURRENCY: '8',
      ACK_WAIT_MS: '4000',
    });
    processes.push(p);
    return p;
  };
  const running = [spawn(), spawn()];
  await eventually('both processes ready', () => running.every((p) => p.count('ready') === 1), 60_000);
  const startedAt = Date.now();
  const sent = await publishMany(h.publisher, EVENTS, (i) => ({
    resource: { name: `e${i}`, resource },
    driver,
  }));

  const inFlightAtKills: Set<string>[] = [];
  for (let k = 0; k < KILLS; k++) {
    const slot = k % 2;
    const victim = running[slot];
    await eventually(
      `process ${slot} reconciling before kill ${k + 1}`,
      () => unsettled(victim).size > 0,
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 600)); // vary the kill point
    victim.kill('SIGKILL');
    await victim.closed;
    inFlightAtKills.push(unsettled(victim));
    running[slot] = spawn();
  }

  const info = await waitUntilDrained(h, driver, 120_000);
  const elapsedS = (Date.now() - startedAt) / 1000;
  const runIds = new Set(sent.map((s) => s.runId));
  const results = (await h.results.results()).filter((r) => runIds.has(r.event.run_id));
  const reconciles = new Map<string, number>();
  for (const p of processes)
    for (const e of p.events)
      if (e.event === 'reconciling') reconciles.set(e.id!, (reconciles.get(e.id!) ?? 0) + 1);
  const duplicates = [...reconciles.values()].reduce((n, c) => n + c - 1, 0);
  const inFlight = inFlightAtKills.reduce((n, s) => n + s.size, 0);
  reportFigures('crashes', {
    events: EVENTS,
    kills: inFlightAtKills.length,
    inFlightAtKills: inFlight,
    duplicateReconciles: duplicates,
    results: results.length,
    numPending: info.num_pending,
    numAckPending: info.num_ack_pending,
    seconds: elapsedS.toFixed(1),
  });

  expect(inFlightAtKills).toHaveLength(KILLS);
  // Every message: exactly one stored (deduplicated) successful result, and acked.
  expect(results).toHaveLength(EVENTS);
  expect(new Set(results.map((r) => r.event.run_id)).size).toBe(EVENTS);
  expect(results.every((r) => r.event.driverresult.success)).toBe(true);
  expect(info).toMatchObject({ num_pending: 0, num_ack_pending: 0 });
  expect(reconciles.size).toBe(EVENTS);
  // A message reconciled n times was in flight at n - 1 kills or more; nothing else is redone.
  for (const [id, count] of reconciles) {
    const killedWhileHeld = inFlightAtKills.filter((s) => s.has(id)).length;
    if (count - 1 > killedWhileHeld)
      throw new Error(`${id} reconciled ${count} times, in flight at ${killedWhileHeld} kills`);
  }
  expect(duplicates).toBeLessThanOrEqual(inFlight);
});
