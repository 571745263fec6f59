import type { DriverDefinition } from '@conveyor-ts/core';
import { ManagerHarness, eventually, sleep, uniqueName } from './support/manager-harness';

// A process asks only for what its slots can start soon (one running and one waiting per slot), not
// for the consumer's whole max_ack_pending: with nats.js's consume() the first of two processes at
// concurrency 1 took three of four long reconciles and the second, started 300 ms later, ran none.
jest.setTimeout(60_000);
const RECONCILE_MS = 1_000;
const h = new ManagerHarness();
beforeAll(() => h.setUp());
afterAll(() => h.tearDown());

it('shares long reconciles between two processes of a driver at concurrency 1', async () => {
  const [name, resource] = [uniqueName('window'), uniqueName('res')];
  const ranBy: Record<string, string[]> = { first: [], second: [] };
  const driver = (process: 'first' | 'second'): DriverDefinition => ({
    name,
    resources: [resource],
    reconcile: async ({ resource: r }) => {
      ranBy[process].push(r.name);
      await sleep(RECONCILE_MS);
    },
  });
  await h.start([driver('first')]);
  for (let i = 0; i < 4; i++)
    await h.publisher.publish({ resource: { name: `r${i}`, resource }, driver: name });
  await sleep(300);
  await h.start([driver('second')]);
  await eventually('all four reconciled', () => ranBy.first.length + ranBy.second.length === 4, 20_000);

  expect(ranBy.first).toHaveLength(2);
  expect(ranBy.second).toHaveLength(2);
});
