import { createLogPipeline, type LogPipeline } from '@conveyor-ts/core';
import { ManagerHarness, eventually, uniqueName } from './support/manager-harness';

// Reconciles that log faster than the sinks ship: none starts while a NATS sink's queue is more than
// half full, so every line is stored rather than dropped. The queues hold 2,000 entries here and
// the burst logs 20,000 lines; without the catch-up most of them were dropped.
jest.setTimeout(60_000);
const h = new ManagerHarness();
beforeAll(() => h.setUp());
afterAll(() => h.tearDown());

it('holds reconciles back while run logs are backed up: every line of a burst is shipped', async () => {
  const [name, resource] = [uniqueName('backlog'), uniqueName('res')];
  const events = 100;
  const lines = 200;
  let pipeline: LogPipeline | undefined;
  let reconciled = 0;
  const { manager } = await h.start(
    [
      {
        name,
        resources: [resource],
        reconcile: ({ logger }) => {
          for (let i = 0; i < lines; i++) logger.info(`line ${i} of a chatty reconcile`);
          reconciled++;
        },
      },
    ],
    {
      logPipeline: (transport, options) => (pipeline = createLogPipeline(transport, options)),
      logging: { sinks: { stdout: false }, queue: { capacity: 2_000 } },
    },
  );
  // All at once: work is waiting throughout, as in a burst.
  await Promise.all(
    Array.from({ length: events }, (_, i) =>
      h.publisher.publish({ resource: { name: `r${i}`, resource }, driver: name }),
    ),
  );
  await eventually('every event reconciled', () => reconciled === events, 30_000);
  await manager.stop();

  const { jetstream, live } = pipeline!.stats();
  expect(jetstream).toMatchObject({ delivered: events * lines, dropped: 0, failed: 0 });
  expect(live).toMatchObject({ delivered: events * lines, dropped: 0 });
});
