import { ConveyorApiError, ConveyorClient, ConveyorConnectionError, type LogEntry } from '@conveyor-ts/core';
import { freePort } from '@conveyor-ts/core/testing';
import { QuirkyServer } from './quirky-server';

jest.setTimeout(30_000);

const entry = (message: string): LogEntry => ({
  runid: 'r',
  driver: 'd',
  pipeline: '',
  timestamp: '1767225600',
  message,
});

describe('ConveyorClient against a server with the Go server quirks', () => {
  let server: QuirkyServer;
  let client: ConveyorClient;

  beforeAll(async () => {
    server = await QuirkyServer.start();
  });
  beforeEach(() => {
    server.requests.length = 0;
    client = new ConveyorClient({ apiUrl: server.url, timeoutMs: 2_000 });
  });
  afterAll(() => server.stop());

  it('sends JSON with Content-Type and reads the create answer', async () => {
    server.handler = (_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"message":"Resource created successfully","name":"a","runid":"u-1","version":"1"}');
    };
    const answer = await client.createResource({ name: 'a', resource: 'job', spec: { x: 1 } });
    expect(answer.runid).toBe('u-1');
    const [request] = server.requests;
    expect([request.method, request.url, request.headers['content-type'], JSON.parse(request.body)]).toEqual([
      'POST',
      '/resources',
      'application/json',
      { name: 'a', resource: 'job', spec: { x: 1 } },
    ]);
  });

  it('accepts the empty 204 of deletes (the Go client fails on it)', async () => {
    server.handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    await expect(client.deleteResource('job', 'a b/c')).resolves.toBeUndefined();
    await expect(client.deleteResourceDefinition('job')).resolves.toBeUndefined();
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'DELETE /resources/job/a%20b%2Fc',
      'DELETE /resource-definitions/job',
    ]);
  });

  it('turns a 500 "not found" into a ConveyorApiError with status, message, route and notFound', async () => {
    server.handler = (_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"Failed to find resource: resource with name a and type job not found"}');
    };
    const error = await client.getResource('job', 'a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConveyorApiError);
    expect(error).toMatchObject({
      status: 500,
      serverMessage: 'Failed to find resource: resource with name a and type job not found',
      route: { method: 'GET', path: '/resources/job/a' },
      notFound: true,
    });
    expect((error as Error).message).toBe(
      'GET /resources/job/a failed with HTTP 500: Failed to find resource: resource with name a and type job not found',
    );
  });

  it('reads the plain-text errors of the log routes', async () => {
    server.handler = (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('badger: db closed');
    };
    await expect(client.queryLogs({ runid: 'r' })).rejects.toMatchObject({
      status: 500,
      serverMessage: 'badger: db closed',
      notFound: false,
    });
    expect(server.requests[0].url).toBe('/logs?runid=r');
  });

  it('reports an answer that is not JSON', async () => {
    server.handler = (_req, res) => res.end('<html>proxy error</html>');
    await expect(client.getResourceDefinition('x')).rejects.toMatchObject({
      status: 200,
      serverMessage: expect.stringContaining('not JSON'),
    });
  });

  it('adds the headers of the authorize hook to every request, fresh each time', async () => {
    let n = 0;
    server.handler = (_req, res) => res.end('[]');
    const authed = new ConveyorClient({
      apiUrl: server.url,
      authorize: async ({ method, url }) => ({
        authorization: `Bearer ${method}-${new URL(url).pathname}-${++n}`,
      }),
    });
    await authed.queryLogs();
    await authed.queryLogs();
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer GET-/logs-1',
      'Bearer GET-/logs-2',
    ]);
  });

  it('times out, honours an AbortSignal, and names an unreachable server', async () => {
    server.handler = () => undefined; // never answers
    await expect(client.getResource('t', 'n', { timeoutMs: 200 })).rejects.toMatchObject({
      name: 'ConveyorConnectionError',
      reason: 'timeout',
    });
    const controller = new AbortController();
    const pending = client.getResource('t', 'n', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ reason: 'aborted' });
    const nobody = new ConveyorClient({ apiUrl: `http://127.0.0.1:${await freePort()}` });
    const error = await nobody.health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConveyorConnectionError);
    expect((error as Error).message).toMatch(
      /^GET \/health \(http:\/\/127\.0\.0\.1:\d+\/health\): cannot reach the Conveyor API \(.*ECONNREFUSED/,
    );
  });

  it('follows an SSE stream: heartbeats skipped, chunks split anywhere, CRLF, raw live payloads', async () => {
    const events = [
      ': heartbeat\n\n',
      `data: ${JSON.stringify(entry('one'))}\r\n\r\n`,
      `data: ${JSON.stringify({ ...entry('two'), label: 'kept' })}\n\n`,
      'data: not json\n\n',
      `data: ${JSON.stringify(entry('three'))}\n\n`,
    ].join('');
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let i = 0; i < events.length; i += 7) res.write(events.slice(i, i + 7));
      // Like the server, never ends the stream.
    };
    const seen: LogEntry[] = [];
    for await (const e of client.followDriverLogs('d', 'r')) {
      seen.push(e);
      if (seen.length === 3) break;
    }
    expect(seen.map((e) => e.message)).toEqual(['one', 'two', 'three']);
    expect(seen[1]).toMatchObject({ label: 'kept' });
    expect(server.requests[0]).toMatchObject({
      url: '/logs/streams/d/r',
      headers: expect.objectContaining({ accept: 'text/event-stream' }),
    });
  });

  it('ends a followed stream quietly when the signal aborts', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify(entry('first'))}\n\n`);
    };
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const e of client.followRunLogs('r', { signal: controller.signal })) {
      seen.push(e.message);
      controller.abort();
    }
    expect(seen).toEqual(['first']);
  });

  it('takes its base URL from CONVEYOR_API_URL or CONVEYOR_SERVER_HOST and _PORT', () => {
    expect(new ConveyorClient({ env: { CONVEYOR_API_URL: 'http://api:9000/' } }).apiUrl).toBe(
      'http://api:9000',
    );
    expect(
      new ConveyorClient({ env: { CONVEYOR_SERVER_HOST: 'box', CONVEYOR_SERVER_PORT: '8081' } }).apiUrl,
    ).toBe('http://box:8081');
    expect(new ConveyorClient({ env: {} }).apiUrl).toBe('http://localhost:8080');
    expect(() => new ConveyorClient({ env: { CONVEYOR_API_URL: 'ftp://x' } })).toThrow(/CONVEYOR_API_URL/);
  });
});
