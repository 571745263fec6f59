import { ConveyorClient, type LogLevel, type Pipeline } from '@conveyor-ts/core';
import { ConveyorApplication, type DriverClass } from '@conveyor-ts/decorators';
import { startUpstreamServer, type UpstreamKeyType, type UpstreamServer } from './upstream-server';

/** A real server, decorated drivers started against it, and a client, all as a user would set them up. */
export interface UpstreamFixture {
  server: UpstreamServer;
  app: ConveyorApplication;
  client: ConveyorClient;
  stop(): Promise<void>;
}

export async function startUpstreamFixture(options: {
  drivers: readonly DriverClass[];
  auth?: UpstreamKeyType;
  logLevel?: LogLevel;
}): Promise<UpstreamFixture> {
  const server = await startUpstreamServer({ auth: options.auth });
  const tls = server.identity;
  const app = ConveyorApplication.create({
    drivers: options.drivers,
    config: { natsUrl: server.natsUrl, apiUrl: server.apiUrl, tls },
    handleSignals: false,
    logging: { level: options.logLevel ?? 'error', sinks: { stdout: false } },
  });
  try {
    await app.start();
  } catch (error) {
    await server.stop();
    throw error;
  }
  const client = new ConveyorClient({ apiUrl: server.apiUrl, certificate: tls });
  const stop = async () => {
    await app.stop();
    await server.stop();
  };
  return { server, app, client, stop };
}

/** A pipeline over `resource` whose steps are these drivers, in order. */
export function pipelineOf(name: string, resource: string, drivers: readonly string[]): Pipeline {
  const steps = drivers.map((driver, i) => ({ id: String(i + 1), name: driver, driver }));
  return { name, description: '', version: '1', resource, steps, metadata: {} };
}
