import type { JsMsg, NatsConnection } from 'nats';
import { ACK_REPLAY_MAX_COUNT, ACK_REPLAY_WINDOW_MS } from '../../constants';
import { RecentAcks } from '../recent-acks';

/** A connection that records what is published. */
function recorder() {
  const sent: string[] = [];
  const connection = { publish: (subject: string) => void sent.push(subject) } as unknown as NatsConnection;
  return { sent, acks: new RecentAcks(connection) };
}
const acked = (reply: string) => ({ reply }) as unknown as JsMsg;

describe('RecentAcks', () => {
  afterEach(() => jest.useRealTimers());

  it('replays oldest first through growth and wrap-around, keeping the newest at the cap', () => {
    const { sent, acks } = recorder();
    const total = ACK_REPLAY_MAX_COUNT + 1234;
    for (let i = 0; i < total; i++) acks.remember(acked(`ack.${i}`));
    expect(acks.replay()).toBe(ACK_REPLAY_MAX_COUNT);
    expect(sent[0]).toBe(`ack.${total - ACK_REPLAY_MAX_COUNT}`);
    expect(sent.at(-1)).toBe(`ack.${total - 1}`);
    expect(new Set(sent).size).toBe(ACK_REPLAY_MAX_COUNT);
  });

  it('forgets acks older than the replay window', () => {
    jest.useFakeTimers();
    const { sent, acks } = recorder();
    acks.remember(acked('old'));
    jest.advanceTimersByTime(ACK_REPLAY_WINDOW_MS / 2);
    acks.remember(acked('recent'));
    jest.advanceTimersByTime(ACK_REPLAY_WINDOW_MS / 2 + 1);
    expect(acks.replay()).toBe(1);
    expect(sent).toEqual(['recent']);
  });
});
