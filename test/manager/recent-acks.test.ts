import { openNatsConnection } from '@conveyor-ts/core';
import { startTestEnvironment, type TestEnvironment } from '@conveyor-ts/core/testing';
import type { JsMsg, NatsConnection } from 'nats';
import { ACK_REPLAY_MAX_COUNT } from '../../packages/core/src/constants';
import { RecentAcks } from '../../packages/core/src/nats/recent-acks';

// After a consumer leader move the driver sends its recent acks again: each one reaches the ack
// subject once more, and no more than ACK_REPLAY_MAX_COUNT are kept.
let env: TestEnvironment;
let nc: NatsConnection;
beforeAll(async () => {
  env = await startTestEnvironment({ streams: false });
  nc = await openNatsConnection({ servers: [env.url] });
});
afterAll(async () => {
  await nc?.close();
  await env?.stop();
});

const acked = (reply: string) => ({ reply }) as unknown as JsMsg;

it('sends every recent ack again, as +ACK on its own ack subject, keeping at most the cap', async () => {
  const received: Array<{ subject: string; data: string }> = [];
  const sub = nc.subscribe('test-ack.>', {
    callback: (_e, m) => received.push({ subject: m.subject, data: new TextDecoder().decode(m.data) }),
  });
  const acks = new RecentAcks(nc);
  acks.remember(acked('test-ack.1'));
  acks.remember(acked('test-ack.2'));
  expect(acks.replay()).toBe(2);
  await nc.flush();
  expect(received).toEqual([
    { subject: 'test-ack.1', data: '+ACK' },
    { subject: 'test-ack.2', data: '+ACK' },
  ]);

  for (let i = 0; i < ACK_REPLAY_MAX_COUNT + 10; i++) acks.remember(acked(`test-ack.n${i}`));
  expect(acks.replay()).toBe(ACK_REPLAY_MAX_COUNT);
  sub.unsubscribe();
});
