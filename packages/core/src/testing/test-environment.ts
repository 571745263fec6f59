import type { NatsConnectOptions } from '../nats/connection';
import { provisionConveyorStreams, type StreamProvisioningOptions } from '../nats/stream-provisioner';
import { NatsServerProcess, type NatsServerProcessOptions } from '../processes/nats-server-process';
import { connectTestClient } from './connect-test-client';

export interface TestEnvironmentOptions extends NatsServerProcessOptions {
  /** Create Conveyor's three streams (default true); turn off to test behaviour without them. */
  streams?: boolean;
}

/** A running nats-server with Conveyor's streams, for integration tests. */
export interface TestEnvironment {
  /** `nats://127.0.0.1:<port>`, for `CONVEYOR_NATS_URL` or the manager's options. */
  readonly url: string;
  readonly server: NatsServerProcess;
  /** Restarts nats-server on the same port and store; the streams survive. */
  restart(signal?: NodeJS.Signals): Promise<void>;
  /** Kills nats-server and removes its store folder. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a real nats-server with JetStream on a free loopback port and a temporary store, and
 * creates the `messages`, `pipeline-engine` and `logs-engine` streams exactly as Conveyor does.
 */
export async function startTestEnvironment(options: TestEnvironmentOptions = {}): Promise<TestEnvironment> {
  const server = await NatsServerProcess.start(options);
  try {
    if (options.streams !== false) await createConveyorStreams(server.url, { tls: options.tls });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: server.url,
    server,
    restart: (signal) => server.restart(signal),
    stop: () => server.stop(),
  };
}

/** Creates Conveyor's three streams where missing on the server(s) at `url`, as the Conveyor server does at start. */
export async function createConveyorStreams(
  url: string | string[],
  connection: Omit<NatsConnectOptions, 'servers'> = {},
  provisioning: StreamProvisioningOptions = {},
): Promise<void> {
  const nc = await connectTestClient('test-environment', url, {
    ...connection,
    extra: { maxReconnectAttempts: 0, ...connection.extra },
  });
  try {
    await provisionConveyorStreams(nc, provisioning);
  } finally {
    await nc.close();
  }
}
