import { MAX_NAME_BYTES } from '@conveyor-ts/core';
import { MAX_JSON_DEPTH } from '@conveyor-ts/control-plane';
import { startFixture, type Fixture } from '../support/control-plane-fixture';
import { call, rawRequest, type Answer } from '../support/raw-http';

jest.setTimeout(60_000);

/** One bad input per class of issue 13, each answered 4xx with the reason, the control plane alive after. */
describe('the control plane refuses bad input with a 4xx and keeps serving', () => {
  let fx: Fixture;
  const api = (method: string, path: string, body?: unknown): Promise<Answer> =>
    call(fx.plane.apiUrl, method, path, body);

  beforeAll(async () => {
    fx = await startFixture();
    expect(
      (await api('POST', '/resource-definitions', { name: 'job', schema: { type: 'object' } })).status,
    ).toBe(201);
  });
  afterEach(async () => expect((await api('GET', '/health')).status).toBe(200));
  afterAll(() => fx.stop());

  it('answers 400 to request targets that are not URLs', async () => {
    for (const target of ['//', 'http://[', '//@', 'http://a:99999/']) {
      expect(await rawRequest(fx.plane.apiUrl, `GET ${target} HTTP/1.1\r\nHost: x`)).toEqual({
        status: 400,
        body: 'Bad Request',
      });
    }
  });

  it.each([
    ['resource definition name', 'POST', '/resource-definitions', { name: 'a\r\nDEL x', schema: {} }, 'name'],
    ['definition name on apply', 'POST', '/resource-definitions/apply', { name: 'a b', schema: {} }, 'name'],
    ['definition name on update', 'PUT', '/resource-definitions/job', { name: 'job.x', schema: {} }, 'name'],
    ['resource type', 'POST', '/resources', { name: 'r', resource: 'job\r\nPUB x 0', spec: {} }, 'resource'],
    [
      'resource type on update',
      'PUT',
      '/resources/job/r',
      { name: 'r', resource: 'j*b', spec: {} },
      'resource',
    ],
    ['type in the URL', 'PUT', '/resources/a%20b/r', { name: 'r', resource: 'job', spec: {} }, 'type'],
    ['pipeline resource', 'POST', '/pipelines', { name: 'p', resource: 'a>', steps: [] }, 'resource'],
    [
      'pipeline step driver',
      'POST',
      '/pipelines',
      { name: 'p', resource: 'job', steps: [{ driver: 'ok' }, { driver: 'cloner builder' }] },
      'steps\\[1\\]\\.driver',
    ],
  ] as const)(
    'refuses a %s that is not one subject token with 400 naming the field',
    async (_, method, path, body, field) => {
      const answer = await api(method, path, body);
      expect(answer.status).toBe(400);
      expect(answer.json()).toEqual({
        error: expect.stringMatching(new RegExp(`^Invalid ${field}: must be a single NATS subject token`)),
      });
    },
  );

  it('stores nothing of a refused name', async () => {
    await api('POST', '/resource-definitions', { name: 'evil type', schema: {} });
    expect((await api('GET', `/resource-definitions/${encodeURIComponent('evil type')}`)).status).toBe(500);
    await api('POST', '/pipelines', { name: 'evil', resource: 'job', steps: [{ driver: 'a\nb' }] });
    expect((await api('GET', '/pipelines/evil')).status).toBe(404);
  });

  it('refuses names longer than a subject token may be, in bodies, paths and queries', async () => {
    const long = 'n'.repeat(MAX_NAME_BYTES + 1);
    const tooLong = expect.stringMatching(`must be at most ${MAX_NAME_BYTES} bytes`);
    for (const [method, path, body] of [
      ['POST', '/resource-definitions', { name: long, schema: {} }],
      ['POST', '/resources', { name: long, resource: 'job', spec: {} }],
      ['POST', '/pipelines', { name: long, resource: 'job', steps: [] }],
      ['GET', `/resources/job/${long}`, undefined],
      ['GET', `/runs?resource=${long}`, undefined],
    ] as const) {
      const answer = await api(method, path, body);
      expect([method, path.slice(0, 20), answer.status]).toEqual([method, path.slice(0, 20), 400]);
      expect(answer.json()).toEqual({ error: tooLong });
    }
    const log = await api('POST', '/logs', {
      runid: long,
      driver: 'd',
      pipeline: '',
      timestamp: '',
      message: 'm',
    });
    expect(log.status).toBe(400);
    expect(log.text).toMatch(/^Invalid runid: must be at most/);
  });

  it('answers 413 at once to a body NATS cannot carry, and to a resource whose driver message would not fit', async () => {
    const started = Date.now();
    const huge = await api('POST', '/resources', {
      name: 'big',
      resource: 'job',
      spec: { blob: 'x'.repeat(1_100_000) },
    });
    expect(huge.status).toBe(413);
    // Double-encoded in its driver message, 400 KB of quotes is over 1 MB.
    const quoted = await api('POST', '/resources', {
      name: 'quoted',
      resource: 'job',
      spec: { q: '"'.repeat(400_000) },
    });
    expect(quoted.status).toBe(413);
    expect(quoted.json()).toEqual({
      error: expect.stringMatching(
        /^Resource too large: its driver message would be \d+ bytes, over the NATS max payload of 1048576$/,
      ),
    });
    expect(Date.now() - started).toBeLessThan(4000);
    expect((await api('GET', '/resources/job/quoted')).status).toBe(500);
  });

  it('answers 400 to nesting deeper than the limit at once, and accepts the deepest allowed', async () => {
    const nested = (depth: number) =>
      `{"name":"deep","resource":"job","spec":{"x":${'['.repeat(depth - 2)}${']'.repeat(depth - 2)}}}`;
    const tooDeep = await api('POST', '/resources', nested(MAX_JSON_DEPTH + 1));
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.json()).toEqual({ error: 'Invalid request payload' });
    expect((await api('POST', '/resources', nested(MAX_JSON_DEPTH))).status).toBe(201);
  });

  it('keeps every one of many concurrent updates of one resource, each with its own version', async () => {
    expect((await api('POST', '/resources', { name: 'raced', resource: 'job', spec: {} })).status).toBe(201);
    const writers = 12;
    const answers = await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        api('PUT', '/resources/job/raced', { name: 'raced', resource: 'job', spec: { i } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(writers).fill(200));
    const versions = answers.map((a) => (a.json() as { metadata: { version: string } }).metadata.version);
    expect(new Set(versions).size).toBe(writers);
    const snapshots = await Promise.all(versions.map((v) => api('GET', `/resources/job/raced/${v}`)));
    expect(snapshots.map((s) => (s.json() as { spec: { i: number } }).spec.i).sort((a, b) => a - b)).toEqual(
      Array.from({ length: writers }, (_, i) => i),
    );
  });

  it('matches a pathological schema pattern without blocking the event loop', async () => {
    const schema = { type: 'object', properties: { tag: { type: 'string', pattern: '^(a+)+$' } } };
    expect((await api('POST', '/resource-definitions', { name: 'tagged', schema })).status).toBe(201);
    const started = Date.now();
    const answer = await api('POST', '/resources', {
      name: 't',
      resource: 'tagged',
      spec: { tag: `${'a'.repeat(40)}!` },
    });
    expect(answer.status).toBe(400);
    expect(answer.json()).toEqual({
      error: expect.stringMatching(/^Resource validation failed: .*match pattern/),
    });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('lets two definitions share a schema $id, and a replaced schema apply at once', async () => {
    const schema = (type: string) => ({
      $id: 'https://example.com/spec',
      type: 'object',
      properties: { v: { type } },
    });
    await api('POST', '/resource-definitions', { name: 'first', schema: schema('string') });
    await api('POST', '/resource-definitions', { name: 'second', schema: schema('number') });
    expect((await api('POST', '/resources', { name: 'a', resource: 'first', spec: { v: 's' } })).status).toBe(
      201,
    );
    expect((await api('POST', '/resources', { name: 'b', resource: 'second', spec: { v: 1 } })).status).toBe(
      201,
    );
    await api('PUT', '/resource-definitions/first', { name: 'first', schema: schema('boolean') });
    expect(
      (await api('POST', '/resources', { name: 'c', resource: 'first', spec: { v: true } })).status,
    ).toBe(201);
  });
});
