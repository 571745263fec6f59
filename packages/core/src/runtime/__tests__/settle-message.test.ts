import type { DriverResult } from '../../protocol/model/driver-result';
import { settleMessage } from '../settle-message';
import { decideSettlement, type MessageOutcome, type Settlement } from '../settlement-decision';
import { FakeDeliveredMessage } from './support/fake-delivered-message';

const context = {
  driver: 'builder',
  attempt: 2,
  maxAttempts: 5,
  retry: { initialDelayMs: 1000, factor: 2, maxDelayMs: 60_000 },
};
const decide = (outcome: MessageOutcome): Settlement => decideSettlement(outcome, context);

/** A message and a publish that log into one shared list, to check the order of the two. */
function setup(publishFails = false) {
  const message = new FakeDeliveredMessage('drivers.builder.resources.build', new Uint8Array(), 2);
  const order: string[] = [];
  const results: DriverResult[] = [];
  const original = message.ack.bind(message);
  message.ack = () => {
    order.push('ack');
    original();
  };
  const publish = async (result: DriverResult) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (publishFails) throw new Error('no PubAck within 10000 ms');
    results.push(result);
    order.push('result stored');
  };
  return { message, order, results, publish };
}

describe('settleMessage', () => {
  it('acks only after the result has been stored', async () => {
    const { message, order, results, publish } = setup();
    const result = { success: true, message: 'ok' };
    const done = await settleMessage(message, { action: 'ack', result }, publish, decide);
    expect(order).toEqual(['result stored', 'ack']);
    expect(results).toEqual([result]);
    expect(done).toEqual({ action: 'ack', result });
  });

  it('naks with backoff instead of acking when the result cannot be stored', async () => {
    const { message, publish } = setup(true);
    const done = await settleMessage(
      message,
      { action: 'ack', result: { success: true, message: '' } },
      publish,
      decide,
    );
    expect(message.calls).toEqual(['nak 2000']);
    expect(done).toEqual({
      action: 'nak',
      delayMs: 2000,
      reason: 'result not stored: no PubAck within 10000 ms',
    });
  });

  it('publishes the failure result of a term before terminating', async () => {
    const { message, results, publish } = setup();
    const result = { success: false, message: 'gave up' };
    await settleMessage(message, { action: 'term', reason: 'last attempt', result }, publish, decide);
    expect(results).toEqual([result]);
    expect(message.calls).toEqual(['term last attempt']);
  });

  it('terms without publishing when there is no result (malformed broadcast)', async () => {
    const { message, results, publish } = setup();
    await settleMessage(message, { action: 'term', reason: 'malformed' }, publish, decide);
    expect(results).toEqual([]);
    expect(message.calls).toEqual(['term malformed']);
  });

  it('naks without publishing anything', async () => {
    const { message, results, publish } = setup();
    await settleMessage(message, { action: 'nak', delayMs: 4000, reason: 'boom' }, publish, decide);
    expect(results).toEqual([]);
    expect(message.calls).toEqual(['nak 4000']);
  });

  it('survives a connection that is gone when settling (the server redelivers after the ack wait)', async () => {
    const { message, publish } = setup();
    message.failSettling = true;
    await expect(
      settleMessage(message, { action: 'nak', delayMs: 1000, reason: 'x' }, publish, decide),
    ).resolves.toMatchObject({ action: 'nak' });
  });
});
