import fc from 'fast-check';
import { encodeDriverMessage } from '../../protocol/encode';
import { ConcurrencyGate } from '../concurrency-gate';
import type { ReconcileFunction } from '../driver-definition';
import { handleMessage, type MessageHandlingDeps } from '../handle-message';
import { LifecycleEmitter } from '../lifecycle-events';
import { resolveDriverOptions } from '../resolve-driver-options';
import { TrackedMessage } from '../tracked-message';
import { fakeLogPipeline } from './support/fake-log-pipeline';
import { FakeResultTransport } from './support/fake-result-transport';
import { FakeDeliveredMessage } from './support/fake-delivered-message';
import { actOut } from './support/hostile-values';
import { driverMessageBytes, hostileBehaviour } from './support/message-arbitraries';
import { recordUnhandledRejections } from './support/unhandled-rejections';

const RUNS = { numRuns: 100 };
/** A settlement that takes longer than this never came: the property fails instead of hanging. */
const SETTLE_WITHIN_MS = 5_000;

function driverDeps(name: string, reconcile: ReconcileFunction, maxAttempts: number) {
  const options = resolveDriverOptions(name, { maxAttempts, retry: { initialDelayMs: 10 } });
  const transport = new FakeResultTransport();
  const deps: MessageHandlingDeps = {
    driver: { name, resources: ['build'], reconcile },
    options,
    transport,
    logs: fakeLogPipeline(),
    events: new LifecycleEmitter(() => undefined),
    gate: new ConcurrencyGate(options.concurrency),
    isStopping: () => false,
  };
  return {
    deps,
    transport,
    track: (m: FakeDeliveredMessage) => new TrackedMessage(m, () => undefined),
  };
}

const settlements = (message: FakeDeliveredMessage) => message.calls.filter((c) => c !== 'working');

function withinDeadline(work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`not settled within ${SETTLE_WITHIN_MS} ms`)),
      SETTLE_WITHIN_MS,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

describe('the settlement path (property-based)', () => {
  const unhandled = recordUnhandledRejections();

  it('settles any message exactly once, whatever a reconcile throws or returns, leaving a neighbour driver untouched', async () => {
    const steadyMessage = (id: string) =>
      encodeDriverMessage({
        event: 'create',
        resource: { name: 'web', resource: 'build' },
        id,
        runId: 'run-1',
      });
    const behaviourMessage = hostileBehaviour.map((behaviour) =>
      encodeDriverMessage({
        event: 'create',
        resource: { name: 'web', resource: 'build', spec: behaviour },
        id: 'abc123',
        runId: 'run-1',
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(behaviourMessage, driverMessageBytes('build')),
        fc.constantFrom('drivers.hostile.resources.build', 'resources.build'),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        async (data, subject, deliveryCount, maxAttempts) => {
          const hostile = driverDeps('hostile', (ctx) => actOut(ctx.resource.spec) as never, maxAttempts);
          const steady = driverDeps('steady', () => ({ success: true, message: 'fine' }), 5);
          const message = new FakeDeliveredMessage(subject, data, deliveryCount);
          const neighbour = new FakeDeliveredMessage('drivers.steady.resources.build', steadyMessage('s1'));

          await withinDeadline(
            Promise.all([
              handleMessage(hostile.track(message), hostile.deps),
              handleMessage(steady.track(neighbour), steady.deps),
            ]).then(() => undefined),
          );
          await new Promise((settle) => setImmediate(settle));

          expect(settlements(message)).toHaveLength(1);
          expect(settlements(message)[0]).toMatch(/^(ack|nak \d+|term .+)$/s);
          if (deliveryCount > maxAttempts) expect(settlements(message)[0]).toMatch(/^term /);
          expect(hostile.transport.published.length).toBeLessThanOrEqual(1);
          expect(settlements(neighbour)).toEqual(['ack']);
          expect(steady.transport.published[0].body.driverresult).toMatchObject({
            success: true,
            message: 'fine',
          });
          expect(unhandled).toEqual([]);
        },
      ),
      RUNS,
    );
  });
});
