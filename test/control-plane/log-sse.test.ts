import { get, type IncomingMessage } from 'node:http';
import { connect, type NatsConnection } from 'nats';
import type { LogEntry } from '@conveyor-ts/core';
import { freePort } from '@conveyor-ts/core/testing';
import { startFixture, type Fixture } from './support/control-plane-fixture';
import { waitForSubscriptions } from './support/log-stream-helpers';
import { waitFor } from './support/wait-for';

jest.setTimeout(90_000);

/** The SSE log streams' headers and back-pressure (issue 13), on a real control plane and nats-server. */
describe('log streams over SSE', () => {
  let fx: Fixture;
  let monitorPort: number;
  let nats: NatsConnection;
  beforeAll(async () => {
    monitorPort = await freePort();
    fx = await startFixture({ monitorPort });
    nats = await connect({ servers: fx.env.url });
  });
  afterAll(async () => {
    await nats?.close();
    await fx?.stop();
  });
  const request = (path: string): Promise<IncomingMessage> =>
    new Promise((resolve, reject) => get(`${fx.plane.apiUrl}${path}`, resolve).on('error', reject));

  it('sends the headers at once for a run with nothing logged yet, not with the first heartbeat', async () => {
    const started = Date.now();
    const response = await request('/logs/streams/d1/run-quiet');
    expect([response.statusCode, response.headers['content-type']]).toEqual([200, 'text/event-stream']);
    expect(Date.now() - started).toBeLessThan(5000); // the heartbeat comes after 15 s
    response.destroy();
  });

  it('drops and counts the entries of a client that stops reading, and releases NATS when it goes', async () => {
    const response = await request('/logs/streams/d1/run-slow-sse');
    response.pause();
    await waitForSubscriptions(monitorPort, 'live.logs.run-slow-sse.', 1);
    const published = 20_000;
    const padding = 'x'.repeat(1000);
    for (let i = 0; i < published; i++) {
      const entry: LogEntry = {
        runid: 'run-slow-sse',
        driver: 'd1',
        pipeline: '',
        timestamp: 't',
        message: `${i} ${padding}`,
      };
      nats.publish('live.logs.run-slow-sse.d1', Buffer.from(JSON.stringify(entry)));
      // In batches, so nats-server never sees the control plane as a slow consumer of the burst.
      if (i % 500 === 499) await nats.flush();
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    response.resume();
    let events = -1;
    await waitFor('the events to stop coming', async () => {
      const now = text.length;
      await new Promise((resolve) => setTimeout(resolve, 500));
      return now === text.length ? (events = text.split('\n\n').length - 1) : undefined;
    });
    response.destroy();
    const warning = await waitFor(`the drop warning (${events} events received)`, async () =>
      fx.logger.warnings.find((w) => w.startsWith('log stream of run run-slow-sse')),
    );
    const dropped = Number(/dropped (\d+) live entries/.exec(warning)?.[1]);
    expect(dropped).toBeGreaterThan(0);
    expect(events + dropped).toBe(published);
    await waitForSubscriptions(monitorPort, 'live.logs.run-slow-sse.', 0);
  });
});
