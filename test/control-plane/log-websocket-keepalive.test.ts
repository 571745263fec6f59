import { once } from 'node:events';
import { freePort } from '@conveyor-ts/core/testing';
import { RecordingSocket, waitForSubscriptions } from './support/log-stream-helpers';
import { startFixture, type Fixture } from './support/control-plane-fixture';

jest.setTimeout(90_000);

/** Ping/pong on the log WebSockets: the period is the SSE heartbeat's, 15 s, so this takes half a minute. */
describe('log WebSocket keep-alive', () => {
  let fx: Fixture;
  let monitorPort: number;
  beforeAll(async () => {
    monitorPort = await freePort();
    fx = await startFixture({ monitorPort });
  });
  afterAll(() => fx.stop());

  it('pings every client and cuts one that does not answer, releasing its subscription', async () => {
    const url = `${fx.plane.apiUrl}/logs/streams/d1/run-silent`;
    const answering = await new RecordingSocket(url).opened();
    const silent = await new RecordingSocket(url, [], { autoPong: false }).opened();
    const started = Date.now();
    await once(silent.socket, 'ping');
    expect(Date.now() - started).toBeLessThan(20_000);
    await once(silent.socket, 'close');
    expect(Date.now() - started).toBeLessThan(40_000);
    expect(answering.socket.readyState).toBe(answering.socket.OPEN);
    await waitForSubscriptions(monitorPort, 'live.logs.run-silent.', 1);
    answering.socket.terminate();
  });
});
