import type { DriverDefinition, MessageRetriedEvent, ReconcileContext } from '@conveyor-ts/core';
import { ManagerHarness, eventually, sleep, uniqueName } from './support/manager-harness';

jest.setTimeout(60_000);
const h = new ManagerHarness();
beforeAll(() => h.setUp());
afterEach(() => h.stopManagers());
afterAll(() => h.tearDown());

function driver(
  reconcile: DriverDefinition['reconcile'],
  options: DriverDefinition['options'] = {},
): DriverDefinition {
  return { name: uniqueName('drv'), resources: [uniqueName('res')], reconcile, options };
}

describe('handling one message', () => {
  it('publishes one result with the message id as Nats-Msg-Id, then acks', async () => {
    const seen: ReconcileContext[] = [];
    const d = driver((ctx) => {
      seen.push(ctx);
      return { success: true, message: 'done', data: { n: 1 } };
    });
    await h.start([d]);
    const resource = { name: 'app', resource: d.resources[0], pipeline: 'p', spec: { a: 1 } };
    const sent = await h.publisher.publish({ resource, driver: d.name, event: 'process' });

    const [result] = await h.waitForResultsOf([sent.runId]);
    expect(result.msgId).toBe(`${sent.id}:${d.name}:result`);
    expect(result.event).toMatchObject({
      event: 'driver.result',
      run_id: sent.runId,
      resource: { name: 'app', resource: d.resources[0], pipeline: 'p', spec: { a: 1 } },
      driverresult: { success: true, message: 'done', data: { n: 1 }, driver: d.name },
    });
    expect(seen[0]).toMatchObject({
      event: 'process',
      runId: sent.runId,
      message: {
        id: sent.id,
        attempt: 1,
        route: { kind: 'pipeline', driver: d.name, resource: d.resources[0] },
      },
    });
    await eventually('ack', async () => (await h.consumerInfo(d.name)).num_ack_pending === 0);
    expect((await h.consumerInfo(d.name)).num_redelivered).toBe(0);
  });

  it('treats success:false as final: one result, no retry', async () => {
    let calls = 0;
    const d = driver(() => {
      calls += 1;
      return { success: false, message: 'bad spec' };
    });
    await h.start([d]);
    const sent = await h.publisher.publish({
      resource: { name: 'x', resource: d.resources[0] },
      driver: d.name,
    });
    const results = await h.waitForResultsOf([sent.runId]);
    await sleep(500);
    expect(calls).toBe(1);
    expect(results.map((r) => r.event.driverresult)).toEqual([
      { success: false, message: 'bad spec', data: null, driver: d.name },
    ]);
  });

  it('retries a throw with an exponential delay, then succeeds', async () => {
    const attempts: number[] = [];
    const d = driver(
      (ctx) => {
        attempts.push(ctx.message.attempt);
        if (ctx.message.attempt < 3) throw new Error(`flaky ${ctx.message.attempt}`);
        return { success: true, message: 'third time' };
      },
      { retry: { initialDelayMs: 100, factor: 3 } },
    );
    const retried: MessageRetriedEvent[] = [];
    const { manager } = await h.start([d]);
    manager.on('message.retried', (e) => retried.push(e));
    const sent = await h.publisher.publish({
      resource: { name: 'x', resource: d.resources[0] },
      driver: d.name,
    });
    const results = await h.waitForResultsOf([sent.runId]);
    expect(attempts).toEqual([1, 2, 3]);
    expect(retried.map((r) => [r.attempt, r.delayMs, r.error])).toEqual([
      [1, 100, 'flaky 1'],
      [2, 300, 'flaky 2'],
    ]);
    expect(results).toHaveLength(1);
    expect(results[0].event.driverresult.success).toBe(true);
  });

  it('after maxAttempts publishes a failure result with the error and terminates', async () => {
    let calls = 0;
    const d = driver(
      () => {
        calls += 1;
        throw new Error('registry unreachable');
      },
      { maxAttempts: 3, retry: { initialDelayMs: 50 } },
    );
    const terminated: string[] = [];
    const { manager } = await h.start([d]);
    manager.on('message.terminated', (e) => terminated.push(e.reason));
    const sent = await h.publisher.publish({
      resource: { name: 'x', resource: d.resources[0] },
      driver: d.name,
    });
    const results = await h.waitForResultsOf([sent.runId]);
    await sleep(500);
    expect(calls).toBe(3);
    expect(results).toHaveLength(1);
    expect(results[0].event.driverresult).toMatchObject({
      success: false,
      message: 'registry unreachable (gave up after 3 attempts)',
    });
    expect(terminated).toEqual(['failed on attempt 3 of 3: registry unreachable']);
    expect((await h.consumerInfo(d.name)).num_ack_pending).toBe(0);
  });

  it('aborts the signal on timeout and counts it as a failed attempt', async () => {
    const aborted: unknown[] = [];
    const d = driver(
      (ctx) =>
        new Promise(() => {
          ctx.signal.addEventListener('abort', () => aborted.push(ctx.signal.reason));
        }),
      { timeoutMs: 200, maxAttempts: 1 },
    );
    await h.start([d]);
    const sent = await h.publisher.publish({
      resource: { name: 'x', resource: d.resources[0] },
      driver: d.name,
    });
    const [result] = await h.waitForResultsOf([sent.runId]);
    expect(result.event.driverresult.message).toBe(
      'reconcile did not finish within 200 ms (gave up after 1 attempts)',
    );
    expect(aborted).toHaveLength(1);
    expect((aborted[0] as Error).name).toBe('ReconcileTimeoutError');
  });

  it('answers pipeline messages whose event is filtered out without reconciling', async () => {
    let calls = 0;
    const d = driver(() => void (calls += 1), { events: ['create'] });
    await h.start([d]);
    const sent = await h.publisher.publish({
      resource: { name: 'x', resource: d.resources[0] },
      driver: d.name,
      event: 'process',
    });
    const [result] = await h.waitForResultsOf([sent.runId]);
    expect(calls).toBe(0);
    expect(result.event.driverresult).toMatchObject({
      success: true,
      message: `event "process" is not handled by driver "${d.name}"`,
    });
  });

  it('keeps in-progress heartbeats going so a reconcile longer than the ack wait is not redelivered', async () => {
    const attempts: number[] = [];
    const d = driver(
      async (ctx) => {
        attempts.push(ctx.message.attempt);
        await sleep(3_000);
      },
      { ackWaitMs: 1_000 },
    );
    await h.start([d]);
    const sent = await h.publisher.publish({
      resource: { name: 'x', resource: d.resources[0] },
      driver: d.name,
    });
    await h.waitForResultsOf([sent.runId]);
    expect(attempts).toEqual([1]);
    expect((await h.consumerInfo(d.name)).num_redelivered).toBe(0);
  });

  it('still reconciles the broadcast subject and publishes a result for it', async () => {
    const d = driver(() => ({ success: true, message: 'ok' }));
    await h.start([d]);
    const sent = await h.publisher.publish({ resource: { name: 'x', resource: d.resources[0] } });
    const [result] = await h.waitForResultsOf([sent.runId]);
    expect(result.event.driverresult.driver).toBe(d.name);
  });
});
