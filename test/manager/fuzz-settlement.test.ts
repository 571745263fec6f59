import fc from 'fast-check';
import { actOut } from '../../packages/core/src/runtime/__tests__/support/hostile-values';
import { drained, fuzzInput, publishFuzzInput } from './support/fuzz-input';
import { ManagerHarness, eventually, uniqueName } from './support/manager-harness';
import { recordUnhandledRejections } from '../../packages/core/src/runtime/__tests__/support/unhandled-rejections';

jest.setTimeout(180_000);
const h = new ManagerHarness();
beforeAll(() => h.setUp({ maxPayloadBytes: 4 * 1024 * 1024 }));
afterAll(() => h.tearDown());

/**
 * Any bytes, any JSON and any thrown or returned value, through a real nats-server and the whole
 * runtime: every message is settled exactly once (nothing left pending, one final outcome per
 * message), no rejection goes unhandled, and a healthy driver in the same process keeps working.
 */
describe('fuzzed messages through JetStream (property-based)', () => {
  const unhandled = recordUnhandledRejections();

  it('settles every message once and keeps the neighbour driver serving', async () => {
    const hostile = uniqueName('hostile');
    const hostileType = uniqueName('fz');
    const steady = uniqueName('steady');
    const steadyType = uniqueName('ok');
    let finals = 0;
    const { manager } = await h.start([
      {
        name: hostile,
        resources: [hostileType],
        options: { maxAttempts: 2, retry: { initialDelayMs: 20, maxDelayMs: 50 }, timeoutMs: 5_000 },
        reconcile: (ctx) => actOut(ctx.resource.spec) as never,
      },
      { name: steady, resources: [steadyType], reconcile: () => ({ success: true, message: 'steady' }) },
    ]);
    const countFinal = (e: { driver: string }) => void (e.driver === hostile && (finals += 1));
    manager.on('message.reconciled', countFinal).on('message.terminated', countFinal);

    await fc.assert(
      fc.asyncProperty(fc.array(fuzzInput(hostileType), { minLength: 5, maxLength: 20 }), async (batch) => {
        finals = 0;
        for (const item of batch) await publishFuzzInput(h.publisher, item, hostile, hostileType);
        const neighbour = await h.publisher.publish({
          resource: { name: 'n', resource: steadyType },
          driver: steady,
        });

        await eventually('every fuzzed message settled', () => drained(h.publisher, hostile), 60_000);
        await eventually('the neighbour answered', async () => {
          const results = await h.results.results();
          return results.some((r) => r.event.run_id === neighbour.runId && r.event.driverresult.success);
        });
        // Message ids in random bytes may repeat, so count outcomes: one final outcome per message.
        await eventually('one final outcome per message', () => finals >= batch.length);
        expect(finals).toBe(batch.length);
        expect(unhandled).toEqual([]);
      }),
      { numRuns: 4 },
    );
  });
});
