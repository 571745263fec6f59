import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DriverProcess } from './support/driver-process';
import { drained, fuzzInput, publishFuzzInput } from './support/fuzz-input';
import { ManagerHarness, eventually, uniqueName } from './support/manager-harness';

jest.setTimeout(240_000);
const h = new ManagerHarness();
let child: DriverProcess | undefined;
beforeAll(() => h.setUp({ maxPayloadBytes: 4 * 1024 * 1024 }));
afterAll(async () => {
  child?.kill('SIGKILL');
  await h.tearDown();
});

const BATCHES = 5;
const BATCH_SIZE = 40;
/** Growth allowed from the first batch to the last: retained garbage, not a leak of every input. */
const MAX_RSS_GROWTH_BYTES = 96 * 1024 * 1024;

/** Resident memory of a process (Linux), from /proc. */
function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
}

/**
 * The process-level guard: a driver process fed batch after batch of fuzzed messages (any bytes,
 * any JSON, hostile thrown and returned values) is still serving after each batch, its neighbour
 * driver still answers, and its memory stays bounded.
 */
describe('a driver process under fuzzed input', () => {
  it('keeps serving after every batch, with bounded memory', async () => {
    const hostile = uniqueName('hostile');
    const steady = uniqueName('steady');
    child = new DriverProcess(
      { NATS_URL: h.env.url, HOSTILE: hostile, STEADY: steady },
      join(__dirname, 'fixtures', 'hostile-driver-process.ts'),
    );
    await eventually('the driver process is ready', () => child?.count('ready') === 1, 60_000);
    const pid = child.pid as number;
    const memory: number[] = [];

    for (let batch = 0; batch < BATCHES; batch += 1) {
      const inputs = fc.sample(fuzzInput(hostile), { numRuns: BATCH_SIZE, seed: 1_000 + batch });
      for (const input of inputs) await publishFuzzInput(h.publisher, input, hostile, hostile);
      await eventually(`batch ${batch} settled`, () => drained(h.publisher, hostile), 90_000);

      const name = `after-batch-${batch}`;
      await h.publisher.publish({ resource: { name, resource: steady }, driver: steady });
      await eventually(`the steady driver answers after batch ${batch}`, () =>
        Boolean(child?.events.some((e) => e.event === 'reconciled' && e.name === name)),
      );
      memory.push(residentBytes(pid));
    }

    const exited = await Promise.race([child.exited, Promise.resolve('running')]);
    expect(exited).toBe('running');
    expect(memory[memory.length - 1] - memory[0]).toBeLessThan(MAX_RSS_GROWTH_BYTES);
  });
});
