import { StreamNames } from '@conveyor-ts/core';
import { createConveyorStreams } from '@conveyor-ts/core/testing';
import { ManagerHarness, eventually, sleep, uniqueName } from './support/manager-harness';

// The result store (the pipeline-engine stream) is gone for 8 s while reconciles succeed: every
// result publish answers 503. Those reconciles are done; their results must be stored once the
// stream is back, as successes, without a redelivery: maxAttempts counts reconcile failures only.
// (It used to nak each message, count the redelivery as an attempt and, after maxAttempts, store
// "delivered N times without an outcome" failures for reconciles that had succeeded.)
jest.setTimeout(90_000);
const OUTAGE_MS = 8_000;
const h = new ManagerHarness();
beforeAll(() => h.setUp());
afterAll(() => h.tearDown());

it('keeps successful reconciles successful through a result-store outage, reconciling each once', async () => {
  const [driver, resource] = [uniqueName('outage'), uniqueName('res')];
  const reconciles: Array<{ id: string; attempt: number }> = [];
  const { logs } = await h.start([
    {
      name: driver,
      resources: [resource],
      options: {
        concurrency: 4,
        maxAttempts: 2,
        retry: { initialDelayMs: 200, factor: 2, maxDelayMs: 1_000 },
      },
      reconcile: (ctx) => void reconciles.push({ id: ctx.message.id, attempt: ctx.message.attempt }),
    },
  ]);
  const jsm = await h.publisher.connection.jetstreamManager();
  await jsm.streams.delete(StreamNames.pipelineEngine);
  // Fewer than max_ack_pending (16): a held message keeps its slot until its result is stored.
  const sent = [];
  for (let i = 0; i < 12; i++)
    sent.push(await h.publisher.publish({ resource: { name: `r${i}`, resource }, driver }));
  await eventually('every message reconciled once', () => reconciles.length >= sent.length);
  await sleep(OUTAGE_MS);
  await createConveyorStreams(h.env.url);

  const results = await h.waitForResultsOf(
    sent.map((s) => s.runId),
    30_000,
  );
  await eventually('nothing pending', async () => {
    const info = await h.consumerInfo(driver);
    return info.num_pending === 0 && info.num_ack_pending === 0;
  });
  expect(results.map((r) => r.event.driverresult?.success)).toEqual(sent.map(() => true));
  expect(results).toHaveLength(sent.length);
  expect(reconciles).toHaveLength(sent.length);
  expect(reconciles.every((r) => r.attempt === 1)).toBe(true);
  expect(logs.some((l) => /is not stored yet.*the reconcile is not repeated/.test(l.message))).toBe(true);
});
