import { ConveyorApiError, ConveyorClient } from '@conveyor-ts/core';
import { describeUpstream } from './support/upstream-tools';
import { startUpstreamServer, type UpstreamServer } from './support/upstream-server';

jest.setTimeout(60_000);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const schema = { type: 'object', properties: { n: { type: 'integer' } } };

/** What a failing call threw: the status and the server's own words. */
async function failure(
  call: Promise<unknown>,
): Promise<{ status: number; message: string; notFound: boolean }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConveyorApiError))
    throw new Error(`expected a ConveyorApiError, got ${String(error)}`);
  return { status: error.status, message: error.serverMessage, notFound: error.notFound };
}

/** `ConveyorClient` against every route the real server serves (protocol §5), its quirks included. */
describeUpstream('ConveyorClient on the real Conveyor server', () => {
  let server: UpstreamServer;
  let client: ConveyorClient;

  beforeAll(async () => {
    server = await startUpstreamServer();
    client = new ConveyorClient({ apiUrl: server.apiUrl });
  }, 90_000);
  afterAll(() => server?.stop());

  it('health, and the banner on /', async () => {
    expect(await client.health()).toEqual({ status: 'healthy', time: expect.any(Number) });
    const banner = await fetch(`${server.apiUrl}/`);
    expect([banner.status, await banner.text()]).toEqual([
      200,
      'CONVEYOR API SERVER. Visit https://conveyor.open.ug for Documentation',
    ]);
  });

  it('resource definitions: create, duplicate, apply (with its id quirk), get, update, delete', async () => {
    const created = await client.createResourceDefinition({
      name: 'thing',
      description: 'd',
      version: '1',
      schema,
    });
    expect(created).toEqual({
      id: expect.stringMatching(UUID),
      name: 'thing',
      description: 'd',
      version: '1',
      schema,
    });
    expect(await failure(client.createResourceDefinition({ name: 'thing', schema }))).toEqual({
      status: 500,
      message: 'Failed to insert resource definition: resource definition with name thing already exists',
      notFound: false,
    });
    // Apply stores the body as sent: the record loses the id the create gave it.
    const applied = await client.applyResourceDefinition({
      name: 'thing',
      description: 'd2',
      version: '2',
      schema,
    });
    expect(applied).toEqual({ id: '', name: 'thing', description: 'd2', version: '2', schema });
    expect(await client.getResourceDefinition('thing')).toEqual(applied);
    expect(await failure(client.applyResourceDefinition({ description: 'x' } as never))).toMatchObject({
      status: 400,
      message: 'Resource name is required',
    });
    const updated = await client.updateResourceDefinition({
      name: 'thing',
      description: 'd3',
      version: '3',
      schema,
    });
    expect(updated).toEqual({ id: '', name: 'thing', description: 'd3', version: '3', schema });
    expect(await failure(client.getResourceDefinition('nope'))).toEqual({
      status: 500,
      message: 'Failed to find resource definition: resource definition with name nope not found',
      notFound: true,
    });
    expect(await failure(client.updateResourceDefinition({ name: 'nope', schema: {} }))).toMatchObject({
      status: 500,
      notFound: true,
    });
    await client.applyResourceDefinition({ name: 'doomed', schema: {} });
    await expect(client.deleteResourceDefinition('doomed')).resolves.toBeUndefined();
    expect(await failure(client.deleteResourceDefinition('doomed'))).toEqual({
      status: 500,
      message: 'Failed to delete resource definition: resource definition with name doomed not found',
      notFound: true,
    });
  });

  it("pipelines: create (and silent overwrite) only; the swagger file's GET is not routed", async () => {
    const pipeline = {
      name: 'p1',
      description: '',
      version: '1',
      resource: 'thing',
      steps: [{ id: '1', name: 's', driver: 'nobody' }],
      metadata: {},
    };
    expect(await client.createPipeline(pipeline)).toEqual(pipeline);
    expect(await client.createPipeline({ ...pipeline, description: 'again' })).toMatchObject({
      description: 'again',
    });
    expect(
      await failure(client.createPipeline({ name: 'p2', resource: 'missing', steps: [] })),
    ).toMatchObject({
      status: 500,
      message: 'Failed to find resource definition: resource definition with name missing not found',
    });
    expect(await failure(client.getPipeline('p1'))).toEqual({
      status: 404,
      message: 'Cannot GET /pipelines/p1',
      notFound: true,
    });
  });

  it('resources: create, its errors, get, update (metadata as sent), versions, delete', async () => {
    const answer = await client.createResource({
      name: 'a',
      resource: 'thing',
      spec: { n: 1 },
      metadata: { x: 'y' },
    });
    expect(answer).toEqual({
      message: 'Resource created successfully',
      name: 'a',
      runid: expect.stringMatching(UUID),
      version: '1',
    });
    const stored = await client.getResource('thing', 'a');
    // The caller's metadata is discarded on create.
    expect(stored).toEqual({
      id: expect.stringMatching(UUID),
      name: 'a',
      resource: 'thing',
      metadata: { version: '1' },
      spec: { n: 1 },
    });

    const errors = await Promise.all([
      failure(client.createResource({ name: 'a', resource: 'thing', spec: { n: 1 } })),
      failure(client.createResource({ name: 'b', resource: 'thing', spec: { n: 'no' } })),
      failure(client.createResource({ name: 'b', spec: {} } as never)),
      failure(client.createResource({ name: 'b', resource: 'nodef', spec: {} })),
      failure(client.createResource({ name: 'c', resource: 'thing', pipeline: 'nopipe', spec: {} })),
    ]);
    expect(errors.map((e) => `${e.status} ${e.message}`)).toEqual([
      '500 Failed to insert resource: resource with name a and type thing already exists',
      // The schema's URL is the server's working directory.
      expect.stringMatching(
        /^400 Resource validation failed: validation failed: jsonschema: '\/n' does not validate with file:\/\/\/.*\/inline-schema#\/properties\/n\/type: expected integer, but got string$/,
      ),
      '400 Resource type is required',
      '500 Failed to find resource definition: resource definition with name nodef not found',
      '500 Failed to get pipeline: pipeline not found',
    ]);
    expect(await failure(client.getResource('thing', 'zzz'))).toEqual({
      status: 500,
      message: 'Failed to find resource: resource with name zzz and type thing not found',
      notFound: true,
    });

    // Update keeps the id, stores the body's metadata and bumps the version; no run starts.
    const updated = await client.updateResource({
      name: 'a',
      resource: 'thing',
      spec: { n: 2 },
      metadata: { k: 'v' },
    });
    expect(updated).toEqual({ ...stored, metadata: { k: 'v', version: '2' }, spec: { n: 2 } });
    expect(await client.getResourceVersion('thing', 'a', 1)).toEqual(stored);
    expect(await client.getResourceVersion('thing', 'a', '2')).toEqual(updated);
    expect(await failure(client.getResourceVersion('thing', 'a', 9))).toMatchObject({
      status: 500,
      message: 'Failed to find resource: resource with name a, type thing and version 9 not found',
    });

    // Delete answers 204 (also for unknown names), and the versions stay readable.
    await expect(client.deleteResource('thing', 'a')).resolves.toBeUndefined();
    await expect(client.deleteResource('thing', 'zzz')).resolves.toBeUndefined();
    expect(await failure(client.getResource('thing', 'a'))).toMatchObject({ status: 500, notFound: true });
    expect(await client.getResourceVersion('thing', 'a', 1)).toEqual(stored);
  });

  it('GET /resources needs a type; GET /resources/{type} is not routed; bad JSON is a 400', async () => {
    const raw = async (method: string, path: string, body?: string) => {
      const headers = { 'content-type': 'application/json' };
      const res = await fetch(`${server.apiUrl}${path}`, { method, body, headers });
      return `${res.status} ${await res.text()}`;
    };
    expect(await raw('GET', '/resources')).toBe('400 {"error":"Resource type is required"}');
    expect(await raw('GET', '/resources/thing')).toBe('404 Cannot GET /resources/thing');
    expect(await raw('POST', '/resources', '{bad')).toBe('400 {"error":"Invalid request payload"}');
    expect(await raw('POST', '/resource-definitions', '{bad')).toBe(
      '400 {"error":"Invalid request payload"}',
    );
    expect(await raw('GET', '/nothing')).toBe('404 Cannot GET /nothing');
  });

  it('logs: create (plain-text answers), query by each filter', async () => {
    const entry = {
      runid: 'r1',
      driver: 'd',
      pipeline: 'p',
      timestamp: '2026-01-01T00:00:00.000Z',
      message: 'hi',
    };
    await expect(client.createLog(entry)).resolves.toBeUndefined();
    await client.createLog({ ...entry, runid: 'r2', driver: 'e', message: 'other' });
    expect(await client.queryLogs({ runid: 'r1' })).toEqual([entry]);
    expect(await client.queryLogs({ driver: 'e' })).toEqual([
      { ...entry, runid: 'r2', driver: 'e', message: 'other' },
    ]);
    expect(await client.queryLogs({ pipeline: 'p' })).toHaveLength(2);
    expect(await client.queryLogs({ runid: 'none' })).toEqual([]);
    const bad = await fetch(`${server.apiUrl}/logs`, {
      method: 'POST',
      body: '{bad',
      headers: { 'content-type': 'application/json' },
    });
    expect([bad.status, bad.headers.get('content-type'), await bad.text()]).toEqual([
      400,
      'text/plain; charset=utf-8',
      "invalid character 'b' looking for beginning of object key string",
    ]);
  });

  it('routes the client does not wrap: broadcast-message, /metrics, /swagger/doc.json', async () => {
    const post = (body: string) =>
      fetch(`${server.apiUrl}/drivers/broadcast-message`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
    const ok = await post(JSON.stringify({ event: 'create', payload: '{}', id: 'x', run_id: 'y' }));
    expect([ok.status, await ok.json()]).toEqual([200, { message: 'message published' }]);
    const bad = await post('{bad');
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'could not parse request body' }]);
    const metrics = await fetch(`${server.apiUrl}/metrics`);
    // Prometheus text, or (this build, once requests were counted) a 500 naming the collector's problem.
    expect([200, 500]).toContain(metrics.status);
    expect(await metrics.text()).toMatch(/http_request/);
    const swagger = await fetch(`${server.apiUrl}/swagger/doc.json`);
    expect(swagger.status).toBe(200);
    expect(await swagger.text()).toMatch(/"swagger": "2.0"/);
  });
});
