import {
  type ConveyorClient,
  encodeJson,
  NatsTransport,
  openNatsConnection,
  Subjects,
  type LogEntry,
  type LogTransport,
} from '@conveyor-ts/core';
import { freePort } from '@conveyor-ts/core/testing';
import { startFixture, type Fixture } from '../control-plane/support/control-plane-fixture';
import { waitForSubscriptions } from '../control-plane/support/log-stream-helpers';
import { waitFor } from '../control-plane/support/wait-for';

jest.setTimeout(90_000);

const entry = (runid: string, driver: string, message: string): LogEntry => ({
  runid,
  driver,
  pipeline: '',
  timestamp: '2026-01-01T00:00:00.000Z',
  message,
});

/** `followRunLogs` over both transports, and its reconnect-and-resume, against a real control plane. */
describe.each<LogTransport>(['sse', 'websocket'])('ConveyorClient following logs over %s', (transport) => {
  let fx: Fixture;
  let monitorPort: number;
  let client: ConveyorClient;
  let nats: NatsTransport;
  beforeAll(async () => {
    monitorPort = await freePort();
    fx = await startFixture({ monitorPort, apiPort: await freePort() });
    client = fx.client;
    nats = new NatsTransport(await openNatsConnection({ servers: [fx.env.url] }));
  });
  afterAll(async () => {
    await nats?.close();
    await fx?.stop();
  });

  it('yields stored entries, then live ones of every driver, each once', async () => {
    const runid = `run-follow-${transport}`;
    const stored = entry(runid, 'a', 'stored');
    await client.createLog(stored);
    const seen: string[] = [];
    const following = (async () => {
      for await (const e of client.followRunLogs(runid, { transport })) {
        seen.push(`${e.driver}:${e.message}`);
        if (seen.length === 3) break;
      }
    })();
    await waitForSubscriptions(monitorPort, `live.logs.${runid}.`, 1);
    nats.publish(Subjects.liveLogs(runid, 'a'), encodeJson(stored));
    nats.publish(Subjects.liveLogs(runid, 'b'), encodeJson(entry(runid, 'b', 'live b')));
    nats.publish(Subjects.liveLogs(runid, 'a'), encodeJson(entry(runid, 'a', 'live a')));
    await following;
    expect(seen).toEqual(['a:stored', 'b:live b', 'a:live a']);
    await waitForSubscriptions(monitorPort, `live.logs.${runid}.`, 0);
  });

  it('reconnects after the server goes away and resumes with nothing twice and nothing lost', async () => {
    const runid = `run-resume-${transport}`;
    const twin = entry(runid, 'd1', 'same line twice');
    await client.createLog(twin);
    await client.createLog(twin);
    await client.createLog(entry(runid, 'd1', 'before'));
    const seen: string[] = [];
    const controller = new AbortController();
    const following = (async () => {
      const options = { transport, reconnect: { delayMs: 200 }, signal: controller.signal };
      for await (const e of client.followDriverLogs('d1', runid, options)) {
        seen.push(e.message);
        if (seen.length === 5) controller.abort();
      }
    })();
    await waitFor('the replay', async () => seen.length === 3 || undefined);
    await fx.restartPlane();
    await waitForSubscriptions(monitorPort, `live.logs.${runid}.d1`, 1);
    // Stored and live, as a runtime publishes it: the new connection's replay may or may not hold it.
    const after = entry(runid, 'd1', 'after the restart');
    await nats.publishDurable(Subjects.logs(runid), encodeJson(after));
    nats.publish(Subjects.liveLogs(runid, 'd1'), encodeJson(after));
    await waitFor('the entry after the restart', async () => seen.length === 4 || undefined);
    nats.publish(Subjects.liveLogs(runid, 'd1'), encodeJson(entry(runid, 'd1', 'live')));
    await following;
    expect(seen).toEqual(['same line twice', 'same line twice', 'before', 'after the restart', 'live']);
  });

  it('gives up on a refusal instead of reconnecting', async () => {
    const follow = client.followDriverLogs('bad.name', 'r', { transport, reconnect: true });
    await expect(follow.next()).rejects.toMatchObject({
      status: 400,
      serverMessage: 'invalid driver name "bad.name"',
    });
  });
});
