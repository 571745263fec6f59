import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestAuthenticator } from './auth/authenticate-request';
import { HttpError } from './http-error';
import type { ApiMetrics } from './metrics/api-metrics';
import type { Route } from './request-context';
import { parseTarget } from './parse-target';
import { sendJson, sendText } from './respond';
import { refuseOverlongNames } from './refuse-bad-names';
import { Router } from './router';
import { describeError } from './describe-error';
import type { UpgradeHandler } from './ws/upgrade-handler';

export interface ApiServerOptions {
  routes: readonly Route[];
  host: string;
  port: number;
  /** Told about unexpected failures (answered with 500). */
  onError(error: unknown, req: IncomingMessage): void;
  /** Largest request body accepted (413 above it). */
  bodyLimit: number;
  /** With auth on: the 401 message for a request, or undefined to serve it. */
  authenticate?: RequestAuthenticator;
  /** Counts requests and connections for `/metrics`. */
  metrics?: ApiMetrics;
  /** Takes every upgrade request (the log WebSockets); without it they are served as plain requests. */
  upgrades?: UpgradeHandler;
}

/** The HTTP API on node:http: routing, wide-open CORS like the server, and errors in the server's shapes. */
export class ApiServer {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly upgrades?: UpgradeHandler,
  ) {}

  static async start(options: ApiServerOptions): Promise<ApiServer> {
    const router = new Router(options.routes);
    // Should answering an error fail too (the socket is gone), the connection is dropped, nothing more.
    const server = createServer(
      (req, res) => void handle(router, req, res, options).catch(() => res.destroy()),
    );
    options.metrics?.watch(server);
    const upgrades = options.upgrades;
    if (upgrades) server.on('upgrade', (req, socket, head) => upgrades.handle(req, socket, head));
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolveListen());
    });
    const { port } = server.address() as AddressInfo;
    const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
    return new ApiServer(
      server,
      `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      options.upgrades,
    );
  }

  /** Stops accepting connections and ends open ones (SSE streams never end by themselves). */
  async stop(): Promise<void> {
    const closed = new Promise<void>((done) => this.server.close(() => done()));
    this.server.closeAllConnections();
    this.upgrades?.closeAll();
    await closed;
  }
}

/** Answers every request, whatever it holds: nothing it sends can escape as an unhandled rejection. */
async function handle(
  router: Router,
  req: IncomingMessage,
  res: ServerResponse,
  options: ApiServerOptions,
): Promise<void> {
  try {
    await route(router, req, res, options);
  } catch (error) {
    answerError(error, req, res, options);
  }
}

async function route(
  router: Router,
  req: IncomingMessage,
  res: ServerResponse,
  options: ApiServerOptions,
): Promise<void> {
  const nameRoute = options.metrics?.observe(req, res);
  // Fiber's CORS middleware answers only requests that name an origin.
  if (req.headers.origin !== undefined) res.setHeader('access-control-allow-origin', '*');
  const url = parseTarget(req.url);
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-methods': 'GET,POST,HEAD,PUT,DELETE,PATCH',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
    });
    res.end();
    return;
  }
  const refused = options.authenticate?.(url.pathname, req.headers.authorization);
  if (refused) {
    sendJson(res, 401, { error: refused });
    return;
  }
  const match = router.match(method, url.pathname);
  if (match.kind === 'found') nameRoute?.(match.path);
  if (match.kind === 'none') throw new HttpError(404, `Cannot ${method} ${url.pathname}`, 'text');
  if (match.kind === 'wrong-method') throw new HttpError(405, 'Method Not Allowed', 'text');
  const query = Object.fromEntries(url.searchParams.entries());
  refuseOverlongNames({ ...query, ...match.params });
  await match.handle({ req, res, params: match.params, query, bodyLimit: options.bodyLimit });
}

function answerError(
  error: unknown,
  req: IncomingMessage,
  res: ServerResponse,
  options: ApiServerOptions,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof HttpError) {
    if (error.format === 'json') sendJson(res, error.status, { error: error.message });
    else sendText(res, error.status, error.message);
    return;
  }
  options.onError(error, req);
  sendJson(res, 500, { error: describeError(error) });
}
