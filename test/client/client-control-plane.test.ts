import {
  type ConveyorClient,
  NatsTransport,
  Subjects,
  encodeJson,
  openNatsConnection,
  type LogEntry,
} from '@conveyor-ts/core';
import { startFixture, type Fixture } from '../control-plane/support/control-plane-fixture';
import { waitFor } from '../control-plane/support/wait-for';

jest.setTimeout(60_000);

describe('ConveyorClient against the local control plane', () => {
  let fx: Fixture;
  let client: ConveyorClient;

  beforeAll(async () => {
    fx = await startFixture();
    client = fx.client;
  });
  afterAll(() => fx.stop());

  it('round-trips every object kind', async () => {
    await client.applyResourceDefinition({ name: 'svc', schema: { type: 'object' } });
    await client.updateResourceDefinition({
      name: 'svc',
      description: 'updated',
      schema: { type: 'object' },
    });
    await expect(client.getResourceDefinition('svc')).resolves.toMatchObject({ description: 'updated' });
    await client.createPipeline({ name: 'svc-ci', resource: 'svc', steps: [] });
    const { runid } = await client.createResource({
      name: 'a',
      resource: 'svc',
      pipeline: 'svc-ci',
      spec: {},
    });
    await expect(client.getRun(runid)).resolves.toMatchObject({
      runid,
      pipeline: 'svc-ci',
      status: 'succeeded',
      steps: [],
    });
    const updated = await client.updateResource({
      name: 'a',
      resource: 'svc',
      pipeline: 'svc-ci',
      spec: { v: 2 },
    });
    expect(updated.metadata?.version).toBe('2');
    await expect(client.getResourceVersion('svc', 'a', '2')).resolves.toMatchObject({ spec: { v: 2 } });
    await client.deleteResource('svc', 'a');
    const error = await client.getResource('svc', 'a').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, notFound: true });
    await expect(client.getRun('nope')).rejects.toMatchObject({ status: 404, notFound: true });
    await expect(client.health()).resolves.toMatchObject({ status: 'healthy' });
  });

  it('follows a run: stored entries first, then live ones, without duplicates', async () => {
    const stored: LogEntry = {
      runid: 'run-f',
      driver: 'a',
      pipeline: '',
      timestamp: '2026-01-01T00:00:00.000Z',
      message: 'stored',
    };
    await client.createLog(stored);
    const nc = await openNatsConnection({ servers: [fx.env.url] });
    const transport = new NatsTransport(nc);
    const seen: LogEntry[] = [];
    const following = (async () => {
      for await (const e of client.followRunLogs('run-f')) {
        seen.push(e);
        if (seen.length === 3) break;
      }
    })();
    await waitFor('the replay', async () => (seen.length > 0 ? true : undefined));
    transport.publish(Subjects.liveLogs('run-f', 'a'), encodeJson(stored)); // a live copy of a replayed entry: skipped
    transport.publish(
      Subjects.liveLogs('run-f', 'b'),
      encodeJson({ ...stored, driver: 'b', message: 'live b' }),
    );
    transport.publish(
      Subjects.liveLogs('other-run', 'a'),
      encodeJson({ ...stored, runid: 'other-run', message: 'other run' }),
    );
    transport.publish(Subjects.liveLogs('run-f', 'a'), encodeJson({ ...stored, message: 'live a' }));
    await following;
    expect(seen.map((e) => `${e.driver}:${e.message}`)).toEqual(['a:stored', 'b:live b', 'a:live a']);
    const driverOnly: string[] = [];
    for await (const e of client.followDriverLogs('a', 'run-f')) {
      driverOnly.push(e.message);
      break;
    }
    expect(driverOnly).toEqual(['stored']);
    await nc.close();
  });
});
