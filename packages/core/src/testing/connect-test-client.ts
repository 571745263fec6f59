import { openNatsConnection, type NatsConnectOptions, type NatsConnection } from '../nats/connection';

/**
 * The test kit's one way to connect to the server(s) at `url`: named so the server's connection list
 * tells the kit's clients apart; `options` add what a secured server needs (mutual TLS, credentials).
 */
export function connectTestClient(
  name: string,
  url: string | string[],
  options: Omit<NatsConnectOptions, 'servers'> = {},
): Promise<NatsConnection> {
  return openNatsConnection({
    name: `conveyor-ts:${name}`,
    ...options,
    servers: Array.isArray(url) ? url : [url],
  });
}
