import { once } from 'node:events';
import { WebSocket, type ClientOptions } from 'ws';
import { waitFor } from './wait-for';

/** Subscriptions on subjects starting `prefix`, over all of nats-server's clients (its `/connz`). */
export async function liveSubscriptions(monitorPort: number, prefix: string): Promise<string[]> {
  const response = await fetch(`http://127.0.0.1:${monitorPort}/connz?subs=1`);
  const connz = (await response.json()) as { connections?: Array<{ subscriptions_list?: string[] }> };
  return (connz.connections ?? [])
    .flatMap((c) => c.subscriptions_list ?? [])
    .filter((s) => s.startsWith(prefix));
}

/** Waits until exactly `count` subscriptions start with `prefix`: a stream subscribed, or let go. */
export function waitForSubscriptions(monitorPort: number, prefix: string, count: number): Promise<true> {
  return waitFor(`${count} subscriptions on ${prefix}`, async () =>
    (await liveSubscriptions(monitorPort, prefix)).length === count ? true : undefined,
  );
}

/** A WebSocket that records every text frame it receives. */
export class RecordingSocket {
  readonly frames: string[] = [];
  readonly socket: WebSocket;

  constructor(url: string, protocols: string[] = [], options: ClientOptions = {}) {
    this.socket = new WebSocket(url.replace(/^http/, 'ws'), protocols, options);
    this.socket.on('message', (data) => this.frames.push(String(data)));
  }

  async opened(): Promise<this> {
    await once(this.socket, 'open');
    return this;
  }

  /** Resolves with the status and body of a refused handshake. */
  refused(): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      this.socket.once('open', () => reject(new Error('the handshake succeeded')));
      this.socket.on('error', () => undefined);
      this.socket.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
    });
  }
}
