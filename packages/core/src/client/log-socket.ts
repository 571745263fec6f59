import { WebSocket } from 'ws';
import { LOG_SOCKET_QUEUED_FRAMES } from '../constants';
import type { LogEntry } from '../protocol/model/log-entry';
import { ConveyorApiError, ConveyorConnectionError, type ApiRoute } from './conveyor-api-error';
import { parseLogFrame } from './log-frame';
import { serverMessage } from './server-message';

const NO_WEBSOCKET =
  'the server answered without switching to WebSocket: servers v0.5.0+ stream logs over SSE only (transport "sse")';

export interface LogSocketRequest {
  /** The route's http(s) URL; the scheme becomes ws(s). */
  url: string;
  headers: Record<string, string>;
  route: ApiRoute;
  /** Bounds the wait for the handshake. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Fills in legacy `[ts,msg]` frames, which name neither. */
  runid: string;
  driver?: string;
}

/**
 * The log entries of one WebSocket log stream, until the server closes it (the caller's signal
 * ends it quietly). A refused handshake is a `ConveyorApiError` with the server's message; no
 * answer is a `ConveyorConnectionError`. A consumer that falls behind pauses the socket, so the
 * server's bounded buffer, not this process, takes the overflow.
 */
export async function* socketLogEntries(request: LogSocketRequest): AsyncGenerator<LogEntry> {
  const { route, signal } = request;
  const url = request.url.replace(/^http/, 'ws');
  const socket = new WebSocket(url, { headers: request.headers, handshakeTimeout: request.timeoutMs });
  const queue: LogEntry[] = [];
  let failure: Error | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const finish = (error?: Error): void => {
    failure ??= error;
    ended = true;
    wake?.();
  };
  const abort = (): void => socket.terminate();
  signal?.addEventListener('abort', abort, { once: true });
  if (signal?.aborted) abort();
  socket.on('message', (data) => {
    const entry = parseLogFrame(String(data), { runid: request.runid, driver: request.driver });
    if (!entry) return;
    queue.push(entry);
    if (queue.length >= LOG_SOCKET_QUEUED_FRAMES) socket.pause();
    wake?.();
  });
  socket.on('unexpected-response', (_req, res) => {
    const status = res.statusCode ?? 0;
    if (status < 300) {
      // A v0.5.0+ server answers the route with its SSE stream, whose body never ends.
      res.destroy();
      finish(new ConveyorApiError(status, NO_WEBSOCKET, route, ''));
      socket.terminate();
      return;
    }
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (body += chunk.slice(0, 64 * 1024 - body.length)));
    res.on('end', () => {
      finish(new ConveyorApiError(status, serverMessage(body), route, body));
      socket.terminate();
    });
  });
  socket.on('error', (error) => {
    const timedOut = /timed out/i.test(error.message);
    finish(new ConveyorConnectionError(route, url, timedOut ? 'timeout' : 'network', { cause: error }));
  });
  socket.on('close', () => finish());
  try {
    for (;;) {
      const entry = queue.shift();
      if (entry) {
        if (queue.length < LOG_SOCKET_QUEUED_FRAMES / 2 && socket.isPaused) socket.resume();
        yield entry;
        continue;
      }
      if (ended) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    if (failure && !signal?.aborted) throw failure;
  } finally {
    signal?.removeEventListener('abort', abort);
    socket.terminate();
  }
}
