import { startHeartbeat } from '../in-progress-heartbeat';
import { FakeDeliveredMessage } from './support/fake-delivered-message';

describe('startHeartbeat', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends working() every half ack wait until stopped', () => {
    const message = new FakeDeliveredMessage('resources.build', new Uint8Array());
    const stop = startHeartbeat(message, 60_000);
    jest.advanceTimersByTime(29_999);
    expect(message.calls).toEqual([]);
    jest.advanceTimersByTime(1);
    jest.advanceTimersByTime(30_000);
    expect(message.calls).toEqual(['working', 'working']);
    stop();
    jest.advanceTimersByTime(120_000);
    expect(message.calls).toEqual(['working', 'working']);
  });

  it('keeps going when a heartbeat cannot be sent (disconnected)', () => {
    const message = new FakeDeliveredMessage('resources.build', new Uint8Array());
    let sent = 0;
    message.working = () => {
      sent += 1;
      if (sent === 1) throw new Error('disconnected');
    };
    const stop = startHeartbeat(message, 2000);
    jest.advanceTimersByTime(3000);
    expect(sent).toBe(3);
    stop();
  });
});
