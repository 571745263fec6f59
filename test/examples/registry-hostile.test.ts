import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { RecordingLogger } from '@conveyor-ts/core/testing';
import {
  contentBlob,
  ImagePusherService,
  MAX_ERROR_BODY_BYTES,
  MediaTypes,
  RegistryError,
} from '../../examples/image-pusher/src';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server on loopback whose behaviour each test sets; it records every request. */
class StubServer {
  readonly requests: Array<{ method: string; url: string; authorization?: string }> = [];
  handler: Handler = (_req, res) => void res.writeHead(500).end();
  private readonly server: Server = createServer((req, res) => {
    this.requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization,
    });
    req.resume();
    this.handler(req, res);
  });

  host = '';

  async start(): Promise<this> {
    await new Promise<void>((ready) => this.server.listen(0, '127.0.0.1', ready));
    this.host = `127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  reset(handler: Handler): void {
    this.requests.length = 0;
    this.handler = handler;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }
}

/**
 * A hostile registry, and a second origin it points image-pusher at, over real HTTP: credentials
 * must reach the configured registry host only, bodies are read with a bound, quoted error bodies
 * are stripped of credentials, and a malformed token answer is a clean RegistryError.
 */
describe('image-pusher against a hostile registry', () => {
  const TOKEN = 'tok-hostile-0123456789';
  const PASSWORD = 'pw-hostile-s3cr3t';
  let registry: StubServer;
  let elsewhere: StubServer;
  const blob = contentBlob(MediaTypes.layerGzip, Buffer.from('layer'));
  const manifest = contentBlob(MediaTypes.manifest, Buffer.from('{}'));

  beforeAll(async () => {
    registry = await new StubServer().start();
    elsewhere = await new StubServer().start();
  });
  afterAll(async () => {
    await registry.stop();
    await elsewhere.stop();
  });

  const client = (credentials: object, logger = new RecordingLogger()) =>
    new ImagePusherService({
      credentials: { [registry.host]: credentials } as never,
      retry: { attempts: 2, initialDelayMs: 10, factor: 2, maxDelayMs: 20 },
    }).clientFor({ registry: registry.host, repository: 'team/app' }, { logger });

  /** The registry wants `Bearer TOKEN`, then runs `then`. */
  const bearerOnly =
    (then: Handler): Handler =>
    (req, res) => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        const challenge = `Bearer realm="http://${registry.host}/token",service="stub"`;
        return void res.writeHead(401, { 'www-authenticate': challenge }).end();
      }
      then(req, res);
    };

  it('sends no credentials to an upload Location on another origin', async () => {
    registry.reset(
      bearerOnly((req, res) => {
        if (req.method === 'POST') {
          return void res.writeHead(202, { location: `http://${elsewhere.host}/upload/u1` }).end();
        }
        res.writeHead(500).end();
      }),
    );
    elsewhere.reset((_req, res) => void res.writeHead(201).end());
    await client({ token: TOKEN }).uploadBlob(blob);
    expect(elsewhere.requests).toHaveLength(1);
    expect(elsewhere.requests[0]).toMatchObject({ method: 'PUT', authorization: undefined });
  });

  it('does not answer a 401 from another origin with the registry credentials', async () => {
    registry.reset(
      bearerOnly(
        (_req, res) => void res.writeHead(202, { location: `http://${elsewhere.host}/upload/u2` }).end(),
      ),
    );
    elsewhere.reset((_req, res) => {
      res.writeHead(401, { 'www-authenticate': `Basic realm="x"` }).end();
    });
    const error = await client({ token: TOKEN })
      .uploadBlob(blob)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toContain(
      `HTTP 401 from a host other than the registry ${registry.host}`,
    );
    expect(elsewhere.requests.map((r) => r.authorization)).toEqual([undefined]);
  });

  it('follows a redirect to another origin without the credentials', async () => {
    registry.reset(
      bearerOnly((_req, res) => void res.writeHead(307, { location: `http://${elsewhere.host}/blob` }).end()),
    );
    elsewhere.reset((_req, res) => void res.writeHead(404).end());
    expect(await client({ token: TOKEN }).hasBlob(blob.digest)).toBe(false);
    expect(elsewhere.requests).toEqual([expect.objectContaining({ authorization: undefined })]);
  });

  it('sends no credentials to a token realm on another host', async () => {
    registry.reset((_req, res) => {
      const challenge = `Bearer realm="http://${elsewhere.host}/token",service="stub"`;
      res.writeHead(401, { 'www-authenticate': challenge }).end();
    });
    elsewhere.reset((_req, res) => void res.writeHead(200).end(JSON.stringify({ token: TOKEN })));
    const error = await client({ username: 'ci', password: PASSWORD })
      .hasBlob(blob.digest)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toBe(
      `registry ${registry.host} sent a token realm on another host (${elsewhere.host}); credentials for "${registry.host}" are sent to no other host unless its "realmHost" names it`,
    );
    expect(elsewhere.requests).toEqual([]);
  });

  it('uses a token realm on the host its credentials name as realmHost', async () => {
    registry.reset((req, res) => {
      if (req.headers.authorization === `Bearer ${TOKEN}`) return void res.writeHead(404).end();
      const challenge = `Bearer realm="http://${elsewhere.host}/token",service="stub"`;
      res.writeHead(401, { 'www-authenticate': challenge }).end();
    });
    elsewhere.reset((_req, res) => void res.writeHead(200).end(JSON.stringify({ token: TOKEN })));
    const pusher = client({ username: 'ci', password: PASSWORD, realmHost: elsewhere.host });
    expect(await pusher.hasBlob(blob.digest)).toBe(false);
    expect(elsewhere.requests).toHaveLength(1);
  });

  it.each([
    ['a body that is not JSON', '<html>oops</html>', 'answered with a body that is not JSON'],
    [
      'a numeric token',
      '{"token": 42}',
      'answered with a token that is not a non-empty string of visible ASCII characters',
    ],
    [
      'a token with a line break',
      '{"token": "a\\r\\nX-Evil: 1"}',
      'answered with a token that is not a non-empty string of visible ASCII characters',
    ],
    [
      'an empty token',
      '{"access_token": ""}',
      'answered with a token that is not a non-empty string of visible ASCII characters',
    ],
    ['no token at all', '[]', 'answered without a token'],
  ])('fails cleanly on a token answer with %s', async (_case, body, problem) => {
    registry.reset((req, res) => {
      if (req.url?.startsWith('/token')) return void res.writeHead(200).end(body);
      const challenge = `Bearer realm="http://${registry.host}/token",service="stub"`;
      res.writeHead(401, { 'www-authenticate': challenge }).end();
    });
    const error = await client({ username: 'ci', password: PASSWORD })
      .hasBlob(blob.digest)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toBe(`token service ${registry.host} ${problem}`);
  });

  it('reads a huge error body only up to its bound', async () => {
    let sent = 0;
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    registry.reset(
      bearerOnly((_req, res) => {
        res.writeHead(400, { 'content-type': 'text/plain', 'content-length': String(400 * chunk.length) });
        const pump = (): void => {
          while (sent < 400 * chunk.length && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => undefined);
        pump();
      }),
    );
    const started = performance.now();
    const error = await client({ token: TOKEN })
      .putManifest('v1', manifest)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toMatch(
      new RegExp(`^PUT manifest v1 at ${registry.host}: HTTP 400 x{500}$`),
    );
    await new Promise((settle) => setTimeout(settle, 200));
    // What the server managed to write before the client hung up: the bound plus socket buffers.
    expect(sent).toBeLessThan(MAX_ERROR_BODY_BYTES + 32 * chunk.length);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('strips credentials from error bodies quoted into results and logs', async () => {
    const echo = (status: number): Handler =>
      bearerOnly((req, res) => {
        const body = JSON.stringify({
          errors: [
            { code: 'DENIED', message: `you sent ${req.headers.authorization}`, detail: { token: TOKEN } },
          ],
          password: PASSWORD,
          jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl',
        });
        res.writeHead(status, { 'content-type': 'application/json' }).end(body);
      });
    const logger = new RecordingLogger();
    const push = async (status: number) => {
      registry.reset(echo(status));
      return client({ token: TOKEN }, logger)
        .putManifest('v1', manifest)
        .then(
          () => new Error('pushed'),
          (e: unknown) => e as Error,
        );
    };
    const refused = await push(403);
    const unavailable = await push(503);

    expect(refused.message).toContain('HTTP 403');
    expect(refused.message).toContain('you sent Bearer [redacted]');
    expect(unavailable.message).toContain('failed after 2 attempts: HTTP 503');
    const shown = [refused.message, unavailable.message, JSON.stringify(logger.entries)].join('\n');
    for (const secret of [TOKEN, PASSWORD, 'eyJhbGciOiJIUzI1NiJ9']) expect(shown).not.toContain(secret);
  });
});
