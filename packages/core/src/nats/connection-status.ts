import { DebugEvents, Events, type NatsConnection } from 'nats';

export type ConnectionState =
  'connected' | 'disconnected' | 'reconnecting' | 'reconnected' | 'lame-duck' | 'error' | 'closed';

export interface ConnectionStatus {
  status: ConnectionState;
  /** The server concerned, when the client says. */
  server?: string;
}

const STATES: Record<string, ConnectionState | undefined> = {
  [Events.Disconnect]: 'disconnected',
  [Events.Reconnect]: 'reconnected',
  [Events.LDM]: 'lame-duck',
  [Events.Error]: 'error',
  [DebugEvents.Reconnecting]: 'reconnecting',
};

/** Reports the connection's state changes until it closes (then `closed`). */
export function watchConnectionStatus(
  connection: NatsConnection,
  listener: (status: ConnectionStatus) => void,
): void {
  void (async () => {
    for await (const event of connection.status()) {
      const status = STATES[event.type];
      if (status) listener({ status, ...(typeof event.data === 'string' ? { server: event.data } : {}) });
    }
  })();
  void connection.closed().then(() => listener({ status: 'closed' }));
}
