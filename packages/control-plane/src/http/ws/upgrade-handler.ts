import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** Takes the HTTP upgrade requests of the API server (its `upgrade` event). */
export interface UpgradeHandler {
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every socket it took over: upgraded sockets no longer count as the server's connections. */
  closeAll(): void;
}
