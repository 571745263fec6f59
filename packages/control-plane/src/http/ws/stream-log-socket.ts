import type { LogFrameFormat } from '@conveyor-ts/core';
import { WebSocket } from 'ws';
import type { LogFeed } from '../../logs/log-feed';
import { encodeFrame } from './frame-format';

export interface LogSocketLimits {
  /** Unsent bytes above which the stream waits for the client. */
  maxBufferedBytes: number;
  /** Ping period; a client that has not answered the previous ping is cut. */
  pingMs: number;
}

/** WebSocket close code for "going away": the feed ended because the control plane lost NATS or stops. */
const GOING_AWAY = 1001;

/**
 * A log feed as WebSocket text frames, one per entry. Past `maxBufferedBytes` unsent it waits for
 * the client to catch up, so the feed's bounded buffer takes (and counts) the overflow. Closing
 * the socket, or a missed pong, closes the feed and with it the NATS subscription.
 */
export async function streamLogSocket(
  socket: WebSocket,
  feed: LogFeed,
  format: LogFrameFormat,
  limits: LogSocketLimits,
): Promise<void> {
  let answered = true;
  const ping = setInterval(() => {
    if (!answered) {
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
  }, limits.pingMs);
  socket.on('pong', () => (answered = true));
  socket.on('error', () => socket.terminate());
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      clearInterval(ping);
      feed.close();
      resolve();
    }),
  );
  try {
    for await (const item of feed) {
      const frame = encodeFrame(item, format);
      if (frame === undefined) continue;
      if (socket.readyState !== WebSocket.OPEN) break;
      const written = new Promise<void>((resolve) => socket.send(frame, () => resolve()));
      // Frames go out in order, so once this one is written everything before it is too.
      if (socket.bufferedAmount > limits.maxBufferedBytes) await Promise.race([written, closed]);
    }
  } finally {
    clearInterval(ping);
    feed.close();
    if (socket.readyState === WebSocket.OPEN) socket.close(GOING_AWAY);
  }
}
