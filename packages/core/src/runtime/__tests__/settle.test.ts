import { MalformedMessageError } from '../../protocol/malformed-message-error';
import { LifecycleEmitter } from '../lifecycle-events';
import { resolveDriverOptions } from '../resolve-driver-options';
import { carryOut, type MessageOutcome, type Settlement, type SettlementDeps } from '../settlement';
import { TrackedMessage } from '../tracked-message';
import { fakeLogPipeline } from './support/fake-log-pipeline';
import { FakeDeliveredMessage } from './support/fake-delivered-message';
import { FakeResultTransport } from './support/fake-result-transport';

const address = { driver: 'builder', runId: 'run-1', resource: { name: 'web' }, msgId: 'm1:builder:result' };

/** A message on its second delivery and a result store that log into one list, to check their order. */
function setup(options: { maxAttempts?: number; storeDown?: boolean } = {}) {
  const message = new FakeDeliveredMessage('drivers.builder.resources.build', new Uint8Array(), 2);
  const transport = new FakeResultTransport();
  if (options.storeDown) {
    transport.failing = { count: Number.POSITIVE_INFINITY, error: new Error('no PubAck within 10000 ms') };
  }
  const order: string[] = [];
  const ack = message.ack.bind(message);
  message.ack = () => {
    order.push('ack');
    ack();
  };
  const publish = transport.publishDurable.bind(transport);
  transport.publishDurable = async (...args) => {
    const stored = await publish(...args);
    order.push('result stored');
    return stored;
  };
  const deps: SettlementDeps = {
    driver: { name: 'builder' },
    options: resolveDriverOptions('builder', {
      maxAttempts: options.maxAttempts ?? 5,
      retry: { initialDelayMs: 1000, factor: 2, maxDelayMs: 60_000 },
    }),
    transport,
    logs: fakeLogPipeline(),
    events: new LifecycleEmitter(() => undefined),
    // A store that stays down is given up on only at shutdown.
    isStopping: () => options.storeDown === true,
  };
  const results = () => transport.published.map((p) => p.body.driverresult);
  /** Settles the message with `outcome` and returns what was done. */
  const settleWith = async (outcome: MessageOutcome): Promise<Settlement> => {
    const tracked = new TrackedMessage(message, () => undefined);
    let done: Settlement | undefined;
    await tracked.settleOnce(async () => (done = await carryOut(tracked, outcome, address, deps)));
    return done as Settlement;
  };
  return { message, order, results, settleWith };
}

describe('carrying out a settlement', () => {
  it('acks only after the result has been stored', async () => {
    const { order, results, settleWith } = setup();
    const result = { success: true, message: 'ok', data: null };
    const done = await settleWith({ kind: 'reconciled', result });
    expect(order).toEqual(['result stored', 'ack']);
    expect(results()).toEqual([{ ...result, driver: 'builder' }]);
    expect(done).toEqual({ action: 'ack', result });
  });

  it('naks with backoff instead of acking when the result cannot be stored', async () => {
    const { message, settleWith } = setup({ storeDown: true });
    const done = await settleWith({ kind: 'reconciled', result: { success: true, message: '' } });
    expect(message.calls).toEqual(['nak 2000']);
    expect(done).toEqual({
      action: 'nak',
      delayMs: 2000,
      reason: 'result not stored: no PubAck within 10000 ms',
    });
  });

  it('publishes the failure result of a term before terminating', async () => {
    const { message, order, results, settleWith } = setup({ maxAttempts: 2 });
    await settleWith({ kind: 'failed', error: new Error('boom') });
    expect(results()).toEqual([
      { success: false, message: 'boom (gave up after 2 attempts)', data: null, driver: 'builder' },
    ]);
    expect(order).toEqual(['result stored']);
    expect(message.calls).toEqual(['term failed on attempt 2 of 2: boom']);
  });

  it('terms without publishing when there is no result (malformed broadcast)', async () => {
    const { message, results, settleWith } = setup();
    const error = new MalformedMessageError([{ field: 'run_id', problem: 'is missing' }]);
    await settleWith({ kind: 'malformed', error });
    expect(results()).toEqual([]);
    expect(message.calls).toEqual([`term ${error.message}`]);
  });

  it('naks without publishing anything', async () => {
    const { message, results, settleWith } = setup();
    await settleWith({ kind: 'failed', error: new Error('boom') });
    expect(results()).toEqual([]);
    expect(message.calls).toEqual(['nak 2000']);
  });

  it('survives a connection that is gone when settling (the server redelivers after the ack wait)', async () => {
    const { message, settleWith } = setup();
    message.failSettling = true;
    await expect(settleWith({ kind: 'failed', error: new Error('x') })).resolves.toMatchObject({
      action: 'nak',
    });
  });
});
