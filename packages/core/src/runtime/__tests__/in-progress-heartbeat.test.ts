import { InProgressHeartbeats, type HeartbeatTarget } from '../in-progress-heartbeat';
import { FakeDeliveredMessage } from './support/fake-delivered-message';

const held = (at: number): HeartbeatTarget & { message: FakeDeliveredMessage } => ({
  message: new FakeDeliveredMessage('resources.build', new Uint8Array()),
  lastBeatAt: at,
});

describe('InProgressHeartbeats', () => {
  afterEach(() => jest.useRealTimers());

  it('beats each held message half an ack wait after its arrival or its last beat', () => {
    const early = held(0);
    const late = held(20_000);
    const heartbeats = new InProgressHeartbeats(60_000, () => [early, late]);
    heartbeats.beat(29_999);
    expect([early.message.calls, late.message.calls]).toEqual([[], []]);
    heartbeats.beat(30_000);
    expect([early.message.calls, late.message.calls]).toEqual([['working'], []]);
    heartbeats.beat(50_000);
    expect([early.message.calls, late.message.calls]).toEqual([['working'], ['working']]);
    heartbeats.beat(59_999);
    expect(early.message.calls).toEqual(['working']);
  });

  it('on its timer, never leaves a message more than three quarters of the ack wait without a beat', () => {
    jest.useFakeTimers();
    const message = held(performance.now());
    const beats: number[] = [];
    message.message.working = () => void beats.push(performance.now());
    const heartbeats = new InProgressHeartbeats(2_000, () => [message]);
    heartbeats.start();
    const startedAt = performance.now();
    jest.advanceTimersByTime(10_000);
    heartbeats.stop();
    const gaps = [beats[0] - startedAt, ...beats.slice(1).map((b, i) => b - beats[i])];
    expect(beats.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1_500);
    jest.advanceTimersByTime(10_000);
    expect(beats.length).toBe(gaps.length); // stopped
  });

  it('keeps going when a heartbeat cannot be sent (disconnected)', () => {
    const failing = held(0);
    const fine = held(0);
    failing.message.working = () => {
      throw new Error('disconnected');
    };
    new InProgressHeartbeats(2_000, () => [failing, fine]).beat(1_000);
    expect(fine.message.calls).toEqual(['working']);
    expect(failing.lastBeatAt).toBe(1_000);
  });
});
