import { LOG_FRAME_SUBPROTOCOLS, type LogFrameFormat } from '@conveyor-ts/core';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import {
  LOG_SOCKET_MAX_BUFFERED_BYTES,
  LOG_SOCKET_MAX_INCOMING_BYTES,
  LOG_SOCKET_PING_MS,
} from '../../constants';
import type { Services } from '../../services';
import type { RequestAuthenticator } from '../auth/authenticate-request';
import { HttpError } from '../http-error';
import { parseTarget } from '../parse-target';
import { openLogFeed, type StreamWarn } from '../open-log-feed';
import { matchRoutePath } from '../router';
import { chooseFrameFormat } from './frame-format';
import { LOG_SOCKET_ROUTES, type LogSocketRoute } from './log-socket-routes';
import { rejectUpgrade } from './reject-upgrade';
import { streamLogSocket } from './stream-log-socket';
import type { UpgradeHandler } from './upgrade-handler';

export interface LogSocketServerOptions {
  services: Services;
  warn: StreamWarn;
  /** With auth on: the 401 message for a request, or undefined to serve it (as for every route). */
  authenticate?: RequestAuthenticator;
  /** Told about unexpected failures (answered with 500). */
  onError(error: unknown, req: IncomingMessage): void;
}

/**
 * The log streams as WebSockets, on the API's port: the log stream routes answer an upgrade with
 * the same replay-then-live feed as their SSE form. Refusals are the HTTP answers the route would
 * give (404, 401 JSON, 400 text), sent before the handshake.
 */
export class LogSocketServer implements UpgradeHandler {
  private readonly sockets = new WebSocketServer({
    noServer: true,
    maxPayload: LOG_SOCKET_MAX_INCOMING_BYTES,
    // The format was chosen before the handshake; echo its subprotocol when the client offered it.
    handleProtocols: (offered, req) => {
      const format = this.formats.get(req);
      return format && offered.has(LOG_FRAME_SUBPROTOCOLS[format]) ? LOG_FRAME_SUBPROTOCOLS[format] : false;
    },
  });
  private readonly formats = new WeakMap<IncomingMessage, LogFrameFormat>();
  private readonly opening = new Set<Duplex>();

  constructor(private readonly options: LogSocketServerOptions) {}

  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    this.opening.add(socket);
    this.accept(req, socket, head)
      .catch((error: unknown) => {
        if (error instanceof HttpError) return rejectUpgrade(socket, error.status, error.message);
        this.options.onError(error, req);
        rejectUpgrade(socket, 500, (error as Error).message ?? String(error));
      })
      .finally(() => this.opening.delete(socket));
  }

  closeAll(): void {
    for (const socket of this.opening) socket.destroy();
    for (const client of this.sockets.clients) client.terminate();
  }

  private async accept(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const method = req.method ?? 'GET';
    const url = parseTarget(req.url);
    // In the API server's order: the token first, then the route.
    const refused = this.options.authenticate?.(url.pathname, req.headers.authorization);
    if (refused) return rejectUpgrade(socket, 401, JSON.stringify({ error: refused }), 'application/json');
    const found = findRoute(url.pathname);
    if (!found) throw new HttpError(404, `Cannot ${method} ${url.pathname}`, 'text');
    if (method !== 'GET') throw new HttpError(405, 'Method Not Allowed', 'text');
    if (req.headers.upgrade?.toLowerCase() !== 'websocket')
      throw new HttpError(400, 'only WebSocket upgrades are served', 'text');
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const format = chooseFrameFormat(url.searchParams, offered, found.route.defaultFormat);
    const feed = await openLogFeed(
      this.options.services,
      this.options.warn,
      found.params.runid,
      found.params.drivername,
    );
    // Whatever ends the socket (a client gone while the feed opened, a failed handshake) ends the feed.
    socket.once('close', () => feed.close());
    if (socket.destroyed) return feed.close();
    this.formats.set(req, format);
    this.sockets.handleUpgrade(req, socket, head, (client) => {
      void streamLogSocket(client, feed, format, {
        maxBufferedBytes: LOG_SOCKET_MAX_BUFFERED_BYTES,
        pingMs: LOG_SOCKET_PING_MS,
      });
    });
  }
}

function findRoute(path: string): { route: LogSocketRoute; params: Record<string, string> } | undefined {
  for (const route of LOG_SOCKET_ROUTES) {
    const params = matchRoutePath(route.path, path);
    if (params) return { route, params };
  }
  return undefined;
}
