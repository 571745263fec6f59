import { connect, type NatsConnection } from 'nats';
import type { LogEntry } from '@conveyor-ts/core';
import { freePort } from '@conveyor-ts/core/testing';
import { startFixture, type Fixture } from './support/control-plane-fixture';
import { RecordingSocket, liveSubscriptions, waitForSubscriptions } from './support/log-stream-helpers';
import { waitFor } from './support/wait-for';

jest.setTimeout(90_000);

const entry = (runid: string, driver: string, message: string): LogEntry => ({
  runid,
  driver,
  pipeline: 'p',
  timestamp: '2026-01-01T00:00:00.000Z',
  message,
});

/** The log streams over WebSocket (issue 19), against a real control plane on a real nats-server. */
describe('log streams over WebSocket', () => {
  let fx: Fixture;
  let monitorPort: number;
  let nats: NatsConnection;
  const sockets: RecordingSocket[] = [];
  const open = (path: string, protocols?: string[]): RecordingSocket => {
    const socket = new RecordingSocket(`${fx.plane.apiUrl}${path}`, protocols);
    sockets.push(socket);
    return socket;
  };
  const publishLive = (e: LogEntry): void =>
    nats.publish(`live.logs.${e.runid}.${e.driver}`, Buffer.from(JSON.stringify(e)));

  beforeAll(async () => {
    monitorPort = await freePort();
    fx = await startFixture({ monitorPort });
    nats = await connect({ servers: fx.env.url });
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.socket.terminate()));
  afterAll(async () => {
    await nats?.close();
    await fx?.stop();
  });

  it('replays stored entries, then forwards live ones, one Log JSON frame each', async () => {
    const stored = entry('run-ws', 'd1', 'stored');
    await fx.client.createLog(stored);
    const socket = await open('/logs/streams/d1/run-ws').opened();
    await waitFor('the replayed frame', async () => socket.frames.length === 1 || undefined);
    expect(socket.frames).toEqual([JSON.stringify(stored)]);
    await waitForSubscriptions(monitorPort, 'live.logs.run-ws.d1', 1);
    publishLive(stored); // the live copy of a replayed entry is not sent twice
    const live = { ...entry('run-ws', 'd1', 'live'), extra: 'kept verbatim' };
    publishLive(live);
    publishLive(entry('run-ws', 'other-driver', 'not this route'));
    await waitFor('the live frame', async () => socket.frames.length === 2 || undefined);
    expect(socket.frames[1]).toBe(JSON.stringify(live));
  });

  it('streams every driver of a run on the pipeline route', async () => {
    const socket = await open('/logs/pipeline/run-all').opened();
    await waitForSubscriptions(monitorPort, 'live.logs.run-all.', 1);
    publishLive(entry('run-all', 'a', 'from a'));
    publishLive(entry('run-all', 'b', 'from b'));
    await waitFor('both frames', async () => socket.frames.length === 2 || undefined);
    expect(socket.frames.map((f) => (JSON.parse(f) as LogEntry).message)).toEqual(['from a', 'from b']);
  });

  it('sends legacy [unix-seconds, message] frames when asked by query, subprotocol or the pre-v0.2 path', async () => {
    await fx.client.createLog(entry('run-legacy', 'd1', 'stored'));
    const expected = [JSON.stringify(['1767225600', 'stored'])];
    const byQuery = await open('/logs/streams/d1/run-legacy?format=legacy').opened();
    const byProtocol = await open('/logs/streams/d1/run-legacy', ['conveyor.log.legacy']).opened();
    const oldPath = await open('/drivers/streams/logs/d1/run-legacy').opened();
    const asJson = await open('/drivers/streams/logs/d1/run-legacy?format=log').opened();
    await waitFor(
      'every replay',
      async () => [byQuery, byProtocol, oldPath, asJson].every((s) => s.frames.length === 1) || undefined,
    );
    expect([byQuery.frames, byProtocol.frames, oldPath.frames]).toEqual([expected, expected, expected]);
    expect(byProtocol.socket.protocol).toBe('conveyor.log.legacy');
    expect(asJson.frames).toEqual([JSON.stringify(entry('run-legacy', 'd1', 'stored'))]);
    // A Go runtime's Unix-seconds timestamp stays as it is.
    await waitForSubscriptions(monitorPort, 'live.logs.run-legacy.d1', 4);
    publishLive({ ...entry('run-legacy', 'd1', 'go'), timestamp: '1767225601' });
    await waitFor('the live frame', async () => byQuery.frames.length === 2 || undefined);
    expect(byQuery.frames[1]).toBe(JSON.stringify(['1767225601', 'go']));
  });

  it('refuses bad requests before the handshake with the route’s HTTP answer', async () => {
    expect(await open('/logs/streams/d1/run-x?format=yaml').refused()).toEqual({
      status: 400,
      body: 'unknown format "yaml": use one of log, legacy',
    });
    expect(await open('/logs/streams/bad.name/run-x').refused()).toEqual({
      status: 400,
      body: 'invalid driver name "bad.name"',
    });
    expect(await open('/resources/x').refused()).toEqual({ status: 404, body: 'Cannot GET /resources/x' });
    expect(await liveSubscriptions(monitorPort, 'live.logs.run-x')).toEqual([]);
  });

  it('releases the NATS subscription when a client disconnects mid-stream', async () => {
    const socket = await open('/logs/streams/d1/run-gone').opened();
    await waitForSubscriptions(monitorPort, 'live.logs.run-gone.', 1);
    publishLive(entry('run-gone', 'd1', 'one'));
    await waitFor('a live frame', async () => socket.frames.length === 1 || undefined);
    socket.socket.terminate();
    await waitForSubscriptions(monitorPort, 'live.logs.run-gone.', 0);
  });

  it('drops and counts the entries of a client that stops reading, instead of buffering them', async () => {
    const socket = await open('/logs/streams/d1/run-slow').opened();
    socket.socket.pause();
    await waitForSubscriptions(monitorPort, 'live.logs.run-slow.', 1);
    const published = 20_000;
    const padding = 'x'.repeat(1000);
    // In batches, so nats-server never sees the control plane as a slow consumer of the burst.
    for (let i = 0; i < published; i++) {
      publishLive(entry('run-slow', 'd1', `${i} ${padding}`));
      if (i % 500 === 499) await nats.flush();
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    socket.socket.resume();
    let seen = -1;
    await waitFor('the frames to stop coming', async () => {
      const now = socket.frames.length;
      await new Promise((resolve) => setTimeout(resolve, 500));
      return (seen = now) === socket.frames.length || undefined;
    });
    socket.socket.terminate();
    const warning = await waitFor(`the drop warning (${seen} frames received)`, async () =>
      fx.logger.warnings.find((w) => w.startsWith('log stream of run run-slow')),
    );
    const dropped = Number(/dropped (\d+) live entries/.exec(warning)?.[1]);
    expect(dropped).toBeGreaterThan(0);
    expect(seen + dropped).toBe(published);
    // In order, no duplicates: the frames are a prefix-preserving subsequence of what was published.
    const numbers = socket.frames.map((f) => Number((JSON.parse(f) as LogEntry).message.split(' ')[0]));
    expect(numbers.every((n, i) => i === 0 || n > numbers[i - 1])).toBe(true);
  });
});
