import { Events, type NatsConnection } from 'nats';

/**
 * Tells subscribers each time the connection has reconnected. Listeners live in a set and leave it
 * when done (no promise shared across calls, whose reactions would pile up between reconnects).
 */
export class ReconnectSignal {
  private readonly listeners = new Set<() => void>();

  constructor(connection: NatsConnection) {
    void (async () => {
      for await (const status of connection.status()) {
        if (status.type === Events.Reconnect) for (const listener of [...this.listeners]) listener();
      }
    })();
  }

  /** Calls `listener` after every reconnect until the returned function is called. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
