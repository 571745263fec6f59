import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { RecordingLogger } from '@conveyor-ts/core/testing';
import { contentBlob, ImagePusherService, MediaTypes, RegistryError } from '../../examples/image-pusher/src';

/**
 * A real HTTP server playing a registry that needs a bearer token from a token service (the Docker
 * Hub / GHCR flow), and sometimes answers 503 or 429, to test what image-pusher sends and logs.
 */
describe('registry authentication and retries over real HTTP', () => {
  const PASSWORD = 's3cr3t-p4ss';
  const TOKEN = 'tok-0123456789';
  let server: Server;
  let host: string;
  let requests: Array<{ method: string; url: string; authorization?: string }>;
  let failures: number[];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    const fail = failures.shift();
    if (fail) return void res.writeHead(fail, fail === 429 ? { 'retry-after': '0' } : {}).end('busy');
    if (req.url?.startsWith('/token')) {
      const basic = `Basic ${Buffer.from(`ci:${PASSWORD}`).toString('base64')}`;
      if (req.headers.authorization !== basic) return void res.writeHead(401).end();
      return void res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token: TOKEN }));
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      const challenge = `Bearer realm="http://${host}/token",service="test-registry",scope="repository:team/app:pull,push"`;
      return void res.writeHead(401, { 'www-authenticate': challenge }).end();
    }
    if (req.method === 'HEAD') return void res.writeHead(404).end();
    if (req.method === 'POST')
      return void res.writeHead(202, { location: '/v2/team/app/blobs/uploads/u1?_state=x' }).end();
    if (req.method === 'PUT') return void res.writeHead(201).end();
    res.writeHead(500).end();
  };

  beforeAll(async () => {
    server = createServer(handle);
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((done) => server.close(done)));
  beforeEach(() => {
    requests = [];
    failures = [];
  });

  const blob = contentBlob(MediaTypes.layerGzip, Buffer.from('layer'));
  const pusher = (credentials: object) =>
    new ImagePusherService({
      credentials: { [host]: credentials } as never,
      retry: { attempts: 3, initialDelayMs: 10, factor: 2, maxDelayMs: 50 },
    });

  it('gets a token with the configured credentials, sends it, and never logs a secret', async () => {
    const logger = new RecordingLogger();
    const client = pusher({ username: 'ci', password: PASSWORD }).clientFor(
      { registry: host, repository: 'team/app' },
      { logger },
    );
    failures = [503, 429]; // the first HEAD is retried twice before the challenge arrives

    expect(await client.hasBlob(blob.digest)).toBe(false);
    await client.uploadBlob(blob);

    const token = requests.find((r) => r.url.startsWith('/token'));
    expect(token?.url).toBe('/token?service=test-registry&scope=repository%3Ateam%2Fapp%3Apull%2Cpush');
    const put = requests.find((r) => r.method === 'PUT');
    expect(put).toMatchObject({ authorization: `Bearer ${TOKEN}` });
    expect(put?.url).toBe(`/v2/team/app/blobs/uploads/u1?_state=x&digest=${encodeURIComponent(blob.digest)}`);
    expect(logger.messages('warn')).toHaveLength(2);
    const logged = JSON.stringify(logger.entries);
    for (const secret of [PASSWORD, TOKEN, Buffer.from(`ci:${PASSWORD}`).toString('base64')]) {
      expect(logged).not.toContain(secret);
    }
  });

  it('uses a configured token as is', async () => {
    const client = pusher({ token: TOKEN }).clientFor(
      { registry: host, repository: 'team/app' },
      { logger: new RecordingLogger() },
    );
    expect(await client.hasBlob(blob.digest)).toBe(false);
    expect(requests.some((r) => r.url.startsWith('/token'))).toBe(false);
  });

  it('fails clearly when credentials are missing or wrong', async () => {
    const none = new ImagePusherService({ credentials: {} }).clientFor(
      { registry: host, repository: 'team/app' },
      { logger: new RecordingLogger() },
    );
    await expect(none.hasBlob(blob.digest)).rejects.toThrow(
      `registry ${host} requires authentication; configure credentials for "${host}" (IMAGE_PUSHER_CREDENTIALS)`,
    );
    const wrong = pusher({ username: 'ci', password: 'nope' }).clientFor(
      { registry: host, repository: 'team/app' },
      { logger: new RecordingLogger() },
    );
    const error = await wrong.hasBlob(blob.digest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toBe(
      `token service ${host} refused the configured credentials (HTTP 401)`,
    );
    expect((error as Error).message).not.toContain('nope');
  });

  it('gives up on a registry that keeps answering 5xx, saying what it tried', async () => {
    failures = [502, 503, 500];
    const client = pusher({ token: TOKEN }).clientFor(
      { registry: host, repository: 'team/app' },
      { logger: new RecordingLogger() },
    );
    await expect(client.hasBlob(blob.digest)).rejects.toThrow(
      `HEAD blob ${blob.digest} at ${host} failed after 3 attempts: HTTP 500`,
    );
  });
});
