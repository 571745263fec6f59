import { RECONCILE_TURN_BUDGET_MS } from '../../constants';
import { encodeJson } from '../../protocol/encode';
import { ConcurrencyGate } from '../concurrency-gate';
import type { ReconcileFunction } from '../driver-definition';
import type { DriverOptions } from '../driver-options';
import { handleMessage, type MessageHandlingDeps } from '../handle-message';
import { LifecycleEmitter } from '../lifecycle-events';
import { resolveDriverOptions } from '../resolve-driver-options';
import { failHandling } from '../settlement';
import { TrackedMessage } from '../tracked-message';
import { deferred, settle } from './support/deferred';
import { fakeLogPipeline } from './support/fake-log-pipeline';
import { FakeResultTransport } from './support/fake-result-transport';
import { driverMessage, FakeDeliveredMessage, MESSAGE_ID, RUN_ID } from './support/fake-delivered-message';

/** Handling dependencies with fakes for JetStream and the logs, recording lifecycle events. */
function fakeDeps(reconcile: ReconcileFunction, options: DriverOptions = {}) {
  const transport = new FakeResultTransport();
  const logs = fakeLogPipeline();
  const events: string[] = [];
  const emitter = new LifecycleEmitter(() => undefined);
  for (const event of ['message.reconciled', 'message.retried', 'message.terminated'] as const) {
    emitter.on(event, () => events.push(event));
  }
  const resolved = resolveDriverOptions('builder', { retry: { initialDelayMs: 100 }, ...options });
  const deps: MessageHandlingDeps = {
    driver: { name: 'builder', resources: ['build'], reconcile },
    options: resolved,
    transport,
    logs,
    events: emitter,
    gate: new ConcurrencyGate(resolved.concurrency),
    isStopping: () => false,
  };
  const track = (message: FakeDeliveredMessage) => new TrackedMessage(message, () => undefined);
  return { deps, transport, logs, events, track };
}

/** One message through decode -> gate -> reconcile -> settlement. */
async function handle(
  message: FakeDeliveredMessage,
  reconcile: ReconcileFunction,
  options: DriverOptions = {},
) {
  const { deps, transport, logs, events, track } = fakeDeps(reconcile, options);
  await handleMessage(track(message), deps);
  return { published: transport.published, settled: message.calls, events, logs };
}

const resultOf = (published: { body: Record<string, unknown> }[]) =>
  published.map((p) => p.body.driverresult);

describe('handleMessage', () => {
  it('publishes the success result with Nats-Msg-Id <id>:<driver>:result, then acks', async () => {
    let seen: unknown;
    const { published, settled, events } = await handle(driverMessage(), (ctx) => {
      seen = {
        resource: ctx.resource.name,
        runId: ctx.runId,
        event: ctx.event,
        attempt: ctx.message.attempt,
      };
      return { success: true, message: 'built', data: { digest: 'sha256:1' } };
    });
    expect(seen).toEqual({ resource: 'web', runId: RUN_ID, event: 'create', attempt: 1 });
    expect(published).toEqual([
      {
        subject: 'pipelines.driver.result',
        msgId: `${MESSAGE_ID}:builder:result`,
        body: {
          event: 'driver.result',
          run_id: RUN_ID,
          resource: {
            id: '',
            name: 'web',
            pipeline: 'ci',
            resource: 'build',
            metadata: null,
            spec: { ref: 'main' },
          },
          driverresult: { success: true, message: 'built', data: { digest: 'sha256:1' }, driver: 'builder' },
        },
      },
    ]);
    expect(settled).toEqual(['ack']);
    expect(events).toEqual(['message.reconciled']);
  });

  it('publishes success: false as the final answer and acks', async () => {
    const { published, settled } = await handle(driverMessage(), () => ({
      success: false,
      message: 'bad ref',
    }));
    expect(resultOf(published)).toEqual([
      { success: false, message: 'bad ref', data: null, driver: 'builder' },
    ]);
    expect(settled).toEqual(['ack']);
  });

  it('naks a throw with the backoff of its attempt and publishes nothing', async () => {
    const { published, settled, events, logs } = await handle(driverMessage({ deliveryCount: 2 }), () => {
      throw new Error('registry unreachable');
    });
    expect(published).toEqual([]);
    expect(settled).toEqual(['nak 200']);
    expect(events).toEqual(['message.retried']);
    expect(logs.runs.messages('error')).toEqual(['Reconcile failed on attempt 2 of 5: registry unreachable']);
  });

  it('treats a timeout as a transient failure', async () => {
    const { settled } = await handle(driverMessage(), () => new Promise(() => undefined), { timeoutMs: 10 });
    expect(settled).toEqual(['nak 100']);
  });

  it('answers the last failing attempt with a failure result carrying the error, then terms it', async () => {
    const { published, settled, events } = await handle(
      driverMessage({ deliveryCount: 3 }),
      () => {
        throw new Error('disk full');
      },
      { maxAttempts: 3 },
    );
    expect(resultOf(published)).toEqual([
      { success: false, message: 'disk full (gave up after 3 attempts)', data: null, driver: 'builder' },
    ]);
    expect(settled).toEqual(['term failed on attempt 3 of 3: disk full']);
    expect(events).toEqual(['message.terminated']);
  });

  it('terms a message delivered more often than maxAttempts without calling reconcile', async () => {
    const reconcile = jest.fn();
    const { published, settled } = await handle(driverMessage({ deliveryCount: 4 }), reconcile, {
      maxAttempts: 3,
    });
    expect(reconcile).not.toHaveBeenCalled();
    expect(resultOf(published)).toMatchObject([{ success: false }]);
    expect(settled).toHaveLength(1);
    expect(settled[0]).toMatch(/^term delivered 4 times \(max 3\)/);
  });

  it('answers a filtered-out event with a success result without reconciling, so the pipeline goes on', async () => {
    const reconcile = jest.fn();
    const { published, settled } = await handle(driverMessage({ event: 'process' }), reconcile, {
      events: ['create'],
    });
    expect(reconcile).not.toHaveBeenCalled();
    expect(resultOf(published)).toEqual([
      {
        success: true,
        message: 'event "process" is not handled by driver "builder"',
        data: null,
        driver: 'builder',
      },
    ]);
    expect(settled).toEqual(['ack']);
  });

  const badPayload = encodeJson({ event: 'create', id: MESSAGE_ID, run_id: RUN_ID, payload: '[1]' });

  it('terms a malformed pipeline message with a failure result naming the problem, and logs it', async () => {
    const reconcile = jest.fn();
    const message = new FakeDeliveredMessage('drivers.builder.resources.build', badPayload);
    const { published, settled, logs } = await handle(message, reconcile);
    expect(reconcile).not.toHaveBeenCalled();
    expect(published).toHaveLength(1);
    expect(published[0].msgId).toBe(`${MESSAGE_ID}:builder:result`);
    expect(published[0].body).toMatchObject({ run_id: RUN_ID, resource: { resource: 'build' } });
    expect(resultOf(published)[0]).toMatchObject({ success: false });
    expect(String((resultOf(published)[0] as { message: string }).message)).toContain('payload');
    expect(settled).toHaveLength(1);
    expect(settled[0]).toMatch(/^term /);
    expect(logs.process.messages('error')[0]).toContain(
      'received a malformed message on drivers.builder.resources.build',
    );
  });

  it('terms a malformed broadcast without publishing a result', async () => {
    const message = new FakeDeliveredMessage('resources.build', badPayload);
    const { published, settled } = await handle(message, jest.fn());
    expect(published).toEqual([]);
    expect(settled).toHaveLength(1);
    expect(settled[0]).toMatch(/^term /);
  });

  it('starts the next reconcile while a result awaits its PubAck, and acks each only once stored', async () => {
    const reconciled: string[] = [];
    const { deps, transport, track } = fakeDeps(({ resource }) => void reconciled.push(resource.name));
    const answerPubAcks = transport.holdPubAcks();
    const messages = ['web', 'api'].map((name) => driverMessage({ resource: { name } }));
    const handling = messages.map((m) => handleMessage(track(m), deps));
    for (let turn = 0; turn < 10 && reconciled.length < 2; turn++) await settle();
    expect(deps.options.concurrency).toBe(1);
    expect(reconciled).toEqual(['web', 'api']);
    expect(messages.map((m) => m.calls)).toEqual([[], []]);
    answerPubAcks();
    await Promise.all(handling);
    expect(transport.published.map((p) => (p.body.resource as { name: string }).name)).toEqual([
      'web',
      'api',
    ]);
    expect(messages.map((m) => m.calls)).toEqual([['ack'], ['ack']]);
  });

  it('starts no reconcile while the run logs are backed up, and starts it once they caught up', async () => {
    const reconciled: string[] = [];
    const { deps, logs, track } = fakeDeps(({ resource }) => void reconciled.push(resource.name));
    const caughtUp = deferred();
    let backedUp = true;
    logs.untilCaughtUp = () => (backedUp ? caughtUp.promise : undefined);
    const message = driverMessage();
    const handling = handleMessage(track(message), deps);
    for (let turn = 0; turn < 10; turn++) await settle();
    expect(reconciled).toEqual([]);
    expect(message.calls).toEqual([]);
    backedUp = false;
    caughtUp.resolve();
    await handling;
    expect(reconciled).toEqual(['web']);
    expect(message.calls).toEqual(['ack']);
  });

  it('gives the event loop a turn after synchronous reconciles held it, so I/O (PubAcks, acks) is not starved', async () => {
    const order: string[] = [];
    const { deps, track } = fakeDeps(({ resource }) => {
      order.push(resource.name);
      if (resource.name !== 'web') return;
      setImmediate(() => order.push('I/O'));
      const until = performance.now() + 2 * RECONCILE_TURN_BUDGET_MS;
      while (performance.now() < until); // synchronous CPU work beyond the turn budget
    });
    const messages = ['web', 'api'].map((name) => driverMessage({ resource: { name } }));
    await Promise.all(messages.map((m) => handleMessage(track(m), deps)));
    expect(order).toEqual(['web', 'I/O', 'api']);
  });

  it('with orderByResource, starts the next reconcile of a resource only once its result is stored', async () => {
    const reconciled: string[] = [];
    const { deps, transport, track } = fakeDeps(({ resource }) => void reconciled.push(resource.name), {
      orderByResource: true,
      concurrency: 4,
    });
    const answerPubAcks = transport.holdPubAcks();
    const messages = ['web', 'web', 'api'].map((name) => driverMessage({ resource: { name } }));
    const handling = messages.map((m) => handleMessage(track(m), deps));
    for (let turn = 0; turn < 10; turn++) await settle();
    expect(reconciled).toEqual(['web', 'api']);
    answerPubAcks();
    await Promise.all(handling);
    expect(reconciled).toEqual(['web', 'api', 'web']);
  });

  it('keeps messages of one resource sequential with orderByResource, while other resources run', async () => {
    const running: string[] = [];
    let overlap = false;
    const { deps, track } = fakeDeps(
      async ({ resource }) => {
        if (running.includes(resource.name)) overlap = true;
        running.push(resource.name);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running.splice(running.indexOf(resource.name), 1);
      },
      { concurrency: 4, orderByResource: true },
    );
    const started: string[] = [];
    const messages = ['web', 'web', 'api'].map((name) => driverMessage({ resource: { name } }));
    const handling = messages.map((m) => handleMessage(track(m), deps));
    await new Promise((resolve) => setTimeout(resolve, 5));
    started.push(...running);
    await Promise.all(handling);
    expect(started.sort()).toEqual(['api', 'web']);
    expect(overlap).toBe(false);
    expect(messages.map((m) => m.calls)).toEqual([['ack'], ['ack'], ['ack']]);
  });

  it('settles a message whose handling threw as a failed attempt: retried, then ended after maxAttempts', async () => {
    const hostile = Object.create(null) as object;
    const outcomes: string[][] = [];
    for (const deliveryCount of [1, 3]) {
      const { deps, track } = fakeDeps(() => undefined, { maxAttempts: 3 });
      const message = driverMessage({ deliveryCount });
      await failHandling(track(message), deps, hostile);
      outcomes.push(message.calls);
    }
    expect(outcomes[0]).toEqual(['nak 100']);
    expect(outcomes[1]).toEqual(['term failed on attempt 3 of 3: an object with no prototype: {}']);
  });
});
