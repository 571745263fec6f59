import type { JsMsg } from 'nats';
import { toDeliveredMessage } from '../delivered-message';

describe('toDeliveredMessage', () => {
  const calls: unknown[][] = [];
  const msg = {
    subject: 'resources.build',
    data: new Uint8Array([1]),
    reply: '$JS.ACK.messages.builder.3.99.41.1733000000000000000.0',
    ack: () => calls.push(['ack']),
    nak: (delay?: number) => calls.push(['nak', delay]),
    term: (reason?: string) => calls.push(['term', reason]),
    working: () => calls.push(['working']),
  } as unknown as JsMsg;

  beforeEach(() => (calls.length = 0));

  it('exposes the subject, bytes, delivery count and stream sequence', () => {
    expect(toDeliveredMessage(msg, 1234.5)).toMatchObject({
      subject: 'resources.build',
      data: new Uint8Array([1]),
      deliveryCount: 3,
      streamSequence: 99,
      receivedAt: 1234.5,
    });
  });

  it('never naks without a delay: the delay is rounded and at least 1 ms', () => {
    const message = toDeliveredMessage(msg, 1234.5);
    message.nak(1500.4);
    message.nak(0);
    message.nak(-10);
    expect(calls).toEqual([
      ['nak', 1500],
      ['nak', 1],
      ['nak', 1],
    ]);
  });

  it('passes ack, term with its reason and working through', () => {
    const message = toDeliveredMessage(msg, 1234.5);
    message.ack();
    message.term('malformed');
    message.working();
    expect(calls).toEqual([['ack'], ['term', 'malformed'], ['working']]);
  });
});
