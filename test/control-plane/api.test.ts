import { connect } from 'nats';
import { startFixture, type Fixture } from './support/control-plane-fixture';
import { call as callApi, type Answer } from './support/raw-http';
import { checkRequest, checkResponse, swagger } from './support/swagger';

jest.setTimeout(60_000);

describe('control plane HTTP API against the server behaviour and the swagger file', () => {
  let fx: Fixture;

  /** A raw HTTP call, so status codes, bodies and headers are seen exactly as sent. */
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    callApi(fx.plane.apiUrl, method, path, body, headers);

  /** Sends a swagger operation's request, checks the body against the swagger file, and the answer too. */
  async function op(method: string, swaggerPath: string, path: string, body?: unknown): Promise<Answer> {
    if (body !== undefined && typeof body !== 'string') checkRequest(method, swaggerPath, body);
    const answer = await call(method, path, body);
    const parsed = answer.type?.includes('json') ? answer.json() : answer.text;
    checkResponse(method, swaggerPath, answer.status, parsed);
    return answer;
  }

  const schema = {
    type: 'object',
    properties: { repo: { type: 'string', format: 'uri' } },
    required: ['repo'],
  };

  beforeAll(async () => {
    fx = await startFixture();
  });
  afterAll(() => fx.stop());

  it('serves every swagger route apart from the ones the server does not route (protocol §5)', async () => {
    // Not routed by the Go server; GET and DELETE /pipelines/{name} are served here, as the swagger file
    // documents them (`conveyor delete` uses DELETE).
    const notRouted = ['GET /resources/{type}', 'PUT /pipelines/{name}'];
    const notServedHere: string[] = [];
    for (const [path, methods] of Object.entries(swagger.paths)) {
      for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
        const concrete = path.replace(/\{[^}]+\}/g, 'x');
        const key = `${method} ${path}`;
        if (method === 'GET' && /streams|pipeline\//.test(path)) continue; // SSE: checked below
        const answer = await call(method, concrete, method === 'GET' || method === 'DELETE' ? undefined : {});
        const unknown = answer.status === 404 && answer.text.startsWith('Cannot ');
        expect([key, unknown || answer.status === 405]).toEqual([
          key,
          [...notRouted, ...notServedHere].includes(key),
        ]);
      }
    }
    expect((await call('GET', '/nowhere')).text).toBe('Cannot GET /nowhere');
  });

  it('publishes a broadcast message on `application` with a new id, as the legacy route does', async () => {
    const nc = await connect({ servers: fx.env.url });
    try {
      const received = nc.subscribe('application', { max: 1 });
      await nc.flush();
      const sent = { event: 'create', payload: '{"a":1}', id: 'mine', run_id: 'r1' };
      const answer = await op('POST', '/drivers/broadcast-message', '/drivers/broadcast-message', sent);
      expect([answer.status, answer.json()]).toEqual([200, { message: 'message published' }]);
      for await (const msg of received) {
        const published = msg.json<Record<string, string>>();
        expect(published).toEqual({ ...sent, id: expect.stringMatching(/^[0-9a-f]{24}$/) });
      }
      for (const bad of ['{', '{"event":5}', '[]']) {
        const refused = await call('POST', '/drivers/broadcast-message', bad);
        expect([refused.status, refused.json()]).toEqual([400, { error: 'could not parse request body' }]);
      }
    } finally {
      await nc.close();
    }
  });

  it('serves the server swagger file at /swagger/doc.json', async () => {
    const answer = await call('GET', '/swagger/doc.json');
    expect([answer.status, answer.type]).toEqual([200, 'application/json']);
    expect(answer.json()).toEqual(swagger);
  });

  it('creates, reads, applies, updates and deletes definitions with the server status codes', async () => {
    const created = await op('POST', '/resource-definitions', '/resource-definitions', {
      name: 'job',
      version: '1',
      schema,
    });
    expect(created.status).toBe(201);
    expect(created.json()).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'job',
      description: '',
      version: '1',
      schema,
    });

    const duplicate = await op('POST', '/resource-definitions', '/resource-definitions', {
      name: 'job',
      schema,
    });
    expect([duplicate.status, duplicate.json()]).toEqual([
      500,
      { error: 'Failed to insert resource definition: resource definition with name job already exists' },
    ]);

    expect(
      (await op('GET', '/resource-definitions/{name}', '/resource-definitions/job', undefined)).json(),
    ).toMatchObject({ name: 'job' });
    const missing = await op('GET', '/resource-definitions/{name}', '/resource-definitions/nope', undefined);
    expect([missing.status, missing.json()]).toEqual([
      500,
      { error: 'Failed to find resource definition: resource definition with name nope not found' },
    ]);

    const applied = await op('POST', '/resource-definitions/apply', '/resource-definitions/apply', {
      name: 'other',
      schema: true,
    });
    expect([applied.status, (applied.json() as { id: string }).id]).toEqual([201, expect.any(String)]);
    const reapplied = await op('POST', '/resource-definitions/apply', '/resource-definitions/apply', {
      name: 'other',
      description: 'v2',
      schema: true,
    });
    expect(reapplied.status).toBe(201);
    expect((await call('GET', '/resource-definitions/other')).json()).toMatchObject({ description: 'v2' });
    expect(
      (await op('POST', '/resource-definitions/apply', '/resource-definitions/apply', { schema: true }))
        .status,
    ).toBe(400);

    const put = await op('PUT', '/resource-definitions/{name}', '/resource-definitions/other', {
      name: 'other',
      description: 'v3',
      schema: true,
    });
    expect([put.status, (put.json() as { description: string }).description]).toEqual([200, 'v3']);
    expect(
      (await op('PUT', '/resource-definitions/{name}', '/resource-definitions/ghost', { name: 'ghost' }))
        .status,
    ).toBe(500);

    const deleted = await op(
      'DELETE',
      '/resource-definitions/{name}',
      '/resource-definitions/other',
      undefined,
    );
    expect([deleted.status, deleted.text]).toEqual([204, '']);
    expect(
      (await op('DELETE', '/resource-definitions/{name}', '/resource-definitions/other', undefined)).status,
    ).toBe(500);
  });

  it('creates pipelines (overwriting silently) and refuses a pipeline for an unknown type', async () => {
    const pipeline = {
      name: 'p',
      description: '',
      version: '',
      resource: 'job',
      steps: [{ id: '1', name: 'a', driver: 'a' }],
      metadata: { team: 'x' },
    };
    const created = await op('POST', '/pipelines', '/pipelines', pipeline);
    expect([created.status, created.json()]).toEqual([201, pipeline]);
    expect((await op('POST', '/pipelines', '/pipelines', { ...pipeline, description: 'again' })).status).toBe(
      201,
    );
    const orphan = await op('POST', '/pipelines', '/pipelines', { name: 'q', resource: 'ghost', steps: [] });
    expect([orphan.status, orphan.json()]).toEqual([
      500,
      { error: 'Failed to find resource definition: resource definition with name ghost not found' },
    ]);
    expect((await call('POST', '/pipelines', { name: 'q', steps: 'nope' })).status).toBe(400);
    const got = await op('GET', '/pipelines/{name}', '/pipelines/p', undefined);
    expect(got.json()).toMatchObject({ name: 'p', description: 'again' });
    const unknown = await op('GET', '/pipelines/{name}', '/pipelines/ghost', undefined);
    expect([unknown.status, unknown.json()]).toEqual([404, { error: 'Pipeline not found' }]);
  });

  it('creates, versions, updates and deletes resources with the server bodies and quirks', async () => {
    const body = {
      name: 'r1',
      resource: 'job',
      metadata: { mine: 'dropped' },
      spec: { repo: 'https://example.com/x' },
    };
    const created = await op('POST', '/resources', '/resources', body);
    expect(created.status).toBe(201);
    expect(created.text).toMatch(
      /^\{"message":"Resource created successfully","name":"r1","runid":"[0-9a-f-]{36}","version":"1"\}$/,
    );

    const got = await op('GET', '/resources/{type}/{name}', '/resources/job/r1', undefined);
    expect(got.json()).toEqual({
      id: expect.any(String),
      name: 'r1',
      resource: 'job',
      metadata: { version: '1' },
      spec: body.spec,
    });

    const updated = await op('PUT', '/resources/{type}/{name}', '/resources/job/r1', {
      name: 'r1',
      resource: 'job',
      spec: { repo: 'https://example.com/y' },
    });
    expect(updated.json()).toMatchObject({
      id: (got.json() as { id: string }).id,
      metadata: { version: '2' },
      spec: { repo: 'https://example.com/y' },
    });
    expect(
      (await op('GET', '/resources/{type}/{name}/{version}', '/resources/job/r1/1', undefined)).json(),
    ).toMatchObject({ spec: body.spec });
    expect(
      (await op('GET', '/resources/{type}/{name}/{version}', '/resources/job/r1/2', undefined)).json(),
    ).toMatchObject({ metadata: { version: '2' } });

    const gone = await op('DELETE', '/resources/{type}/{name}', '/resources/job/r1', undefined);
    expect([gone.status, gone.text]).toEqual([204, '']);
    expect((await op('DELETE', '/resources/{type}/{name}', '/resources/job/never', undefined)).status).toBe(
      204,
    );
    const missing = await op('GET', '/resources/{type}/{name}', '/resources/job/r1', undefined);
    expect([missing.status, missing.json()]).toEqual([
      500,
      { error: 'Failed to find resource: resource with name r1 and type job not found' },
    ]);
    expect((await call('GET', '/resources/job/r1/1')).status).toBe(200); // snapshots outlive the resource
    expect(
      (await op('GET', '/resources/{type}/{name}/{version}', '/resources/job/r1/9', undefined)).status,
    ).toBe(500);
    expect([(await call('GET', '/resources')).status, (await call('GET', '/resources/')).json()]).toEqual([
      400,
      { error: 'Resource type is required' },
    ]);
  });

  it('answers bad input with the server status codes and messages', async () => {
    const spec = { repo: 'https://example.com/x' };
    const cases: Array<[string, unknown, Record<string, string> | undefined, number, unknown]> = [
      ['invalid JSON', '{"name": ', undefined, 400, { error: 'Invalid request payload' }],
      [
        'no content type',
        JSON.stringify({ name: 'a', resource: 'job', spec }),
        { 'content-type': 'text/plain' },
        400,
        { error: 'Invalid request payload' },
      ],
      [
        'a number for a string',
        { name: 7, resource: 'job', spec },
        undefined,
        400,
        { error: 'Invalid request payload' },
      ],
      [
        'non-string metadata',
        { name: 'a', resource: 'job', metadata: { n: 1 }, spec },
        undefined,
        400,
        { error: 'Invalid request payload' },
      ],
      ['no type', { name: 'a', spec }, undefined, 400, { error: 'Resource type is required' }],
      [
        'unknown type',
        { name: 'a', resource: 'ghost', spec },
        undefined,
        500,
        { error: 'Failed to find resource definition: resource definition with name ghost not found' },
      ],
      [
        'unknown pipeline',
        { name: 'a', resource: 'job', pipeline: 'ghost', spec },
        undefined,
        500,
        { error: 'Failed to get pipeline: pipeline not found' },
      ],
    ];
    for (const [what, body, headers, status, expected] of cases) {
      const answer = await call('POST', '/resources', body, headers);
      expect([what, answer.status, answer.json()]).toEqual([what, status, expected]);
    }
    const invalid = await call('POST', '/resources', {
      name: 'a',
      resource: 'job',
      spec: { repo: 'not a uri' },
    });
    expect(invalid.status).toBe(400);
    expect((invalid.json() as { error: string }).error).toMatch(
      /^Resource validation failed: .*\/repo.*format/,
    );
    const noSpec = await call('POST', '/resources', { name: 'a', resource: 'job' });
    expect((noSpec.json() as { error: string }).error).toMatch(/^Resource validation failed: .*type/);

    await call('POST', '/resource-definitions', { name: 'other-type', schema: true });
    await call('POST', '/pipelines', { name: 'for-other', resource: 'other-type', steps: [] });
    const mismatch = await call('POST', '/resources', {
      name: 'a',
      resource: 'job',
      pipeline: 'for-other',
      spec,
    });
    expect([mismatch.status, mismatch.json()]).toEqual([
      400,
      { error: 'Resource type job does not match pipeline resource type other-type' },
    ]);

    await call('POST', '/resource-definitions', { name: 'schemaless' });
    expect((await call('POST', '/resources', { name: 'a', resource: 'schemaless', spec })).json()).toEqual({
      error: 'Resource definition schema is required',
    });

    expect((await call('POST', '/resources', { name: 'dup', resource: 'job', spec })).status).toBe(201);
    const duplicate = await call('POST', '/resources', { name: 'dup', resource: 'job', spec });
    expect([duplicate.status, duplicate.json()]).toEqual([
      500,
      { error: 'Failed to insert resource: resource with name dup and type job already exists' },
    ]);
  });

  it('stores and queries logs, with plain-text errors', async () => {
    const entry = {
      runid: 'run-1',
      driver: 'd1',
      pipeline: 'p',
      timestamp: '2026-01-01T00:00:00.000Z',
      message: 'hello',
    };
    const created = await op('POST', '/logs', '/logs', entry);
    expect([created.status, created.text]).toEqual([201, 'Created']);
    const bad = await call('POST', '/logs', { runid: 5 });
    expect([bad.status, bad.type, bad.text]).toEqual([
      400,
      'text/plain; charset=utf-8',
      expect.stringContaining('Log.runid of type string'),
    ]);
    const all = await op('GET', '/logs', '/logs?runid=run-1', undefined);
    expect(all.json()).toEqual([entry]);
    expect((await op('GET', '/logs', '/logs?runid=run-1&driver=other', undefined)).json()).toEqual([]);
    expect((await call('GET', '/logs?runid=')).json()).toEqual(expect.arrayContaining([entry])); // empty filter = none
  });

  it("streams a run's logs as SSE: stored entries, then live ones", async () => {
    const entry = {
      runid: 'run-sse',
      driver: 'd1',
      pipeline: 'p',
      timestamp: '2026-01-01T00:00:00.000Z',
      message: 'stored',
    };
    await call('POST', '/logs', entry);
    const controller = new AbortController();
    const response = await fetch(`${fx.plane.apiUrl}/logs/pipeline/run-sse`, { signal: controller.signal });
    expect([
      response.status,
      response.headers.get('content-type'),
      response.headers.get('cache-control'),
    ]).toEqual([200, 'text/event-stream', 'no-cache']);
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe(`data: ${JSON.stringify(entry)}\n\n`);
    controller.abort();
    expect((await call('GET', '/logs/streams/bad.name/run-sse')).status).toBe(400);
  });
});
