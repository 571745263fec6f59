import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** Answers an upgrade request with a plain HTTP error (the socket is not a WebSocket yet) and closes it. */
export function rejectUpgrade(
  socket: Duplex,
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  if (socket.destroyed) return;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      `content-type: ${contentType}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      'access-control-allow-origin: *\r\n' +
      'connection: close\r\n\r\n' +
      body,
  );
}
