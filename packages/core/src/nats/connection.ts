import { readFile } from 'node:fs/promises';
import {
  connect,
  credsAuthenticator,
  nkeyAuthenticator,
  type ConnectionOptions,
  type NatsConnection,
} from 'nats';
import { explainConnectError } from './explain-connect-error';

// Named through the adapter, so code outside nats/ (test kits) does not import the client library.
export type { NatsConnection } from 'nats';

/** How to reach and authenticate to NATS; everything optional apart from the servers. */
export interface NatsConnectOptions {
  servers: string[];
  /** Shown by the server in connection listings; defaults to the process's name and pid. */
  name?: string;
  user?: string;
  pass?: string;
  token?: string;
  /** Path of a `.creds` file (JWT + NKey seed). */
  credsFile?: string;
  /** NKey seed, for servers configured with NKey users. */
  nkeySeed?: string;
  /** Client certificate, key and CA (mutual TLS, as Conveyor servers with auth require; §6.2). */
  tls?: { certFile?: string; keyFile?: string; caFile?: string; cert?: string; key?: string; ca?: string };
  /** Further nats.js options, applied last. */
  extra?: Partial<ConnectionOptions>;
}

/** The name the server lists a connection under: the given one, else the process's name and pid. */
export const connectionName = (options: Pick<NatsConnectOptions, 'name'>): string =>
  options.name ?? `conveyor-ts:${process.pid}`;

/** Opens a NATS connection that reconnects forever: a driver process should outlive server restarts. */
export async function openNatsConnection(options: NatsConnectOptions): Promise<NatsConnection> {
  const connectionOptions: ConnectionOptions = {
    servers: options.servers,
    name: connectionName(options),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: false,
    // nats.js captures a stack trace for every request (each result's PubAck), about a fifth of the
    // manager's CPU per message; our errors carry their own context instead.
    noAsyncTraces: true,
    user: options.user,
    pass: options.pass,
    token: options.token,
    ...(await authenticator(options)),
    ...(options.tls ? { tls: options.tls } : {}),
    ...options.extra,
  };
  try {
    return await connect(connectionOptions);
  } catch (error) {
    throw explainConnectError(error, options.servers, options.tls !== undefined);
  }
}

async function authenticator(options: NatsConnectOptions): Promise<Partial<ConnectionOptions>> {
  if (options.credsFile) {
    return { authenticator: credsAuthenticator(await readFile(options.credsFile)) };
  }
  if (options.nkeySeed) {
    return { authenticator: nkeyAuthenticator(new TextEncoder().encode(options.nkeySeed)) };
  }
  return {};
}
