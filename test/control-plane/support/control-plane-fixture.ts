import { ConveyorClient } from '@conveyor-ts/core';
import {
  startTestEnvironment,
  type TestEnvironment,
  type TestEnvironmentOptions,
} from '@conveyor-ts/core/testing';
import { ControlPlane, type ControlPlaneLogger } from '@conveyor-ts/control-plane';

/** Warnings are collected so tests can assert on what the control plane dropped. */
export class RecordingLogger implements ControlPlaneLogger {
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  info(): void {}
  warn(message: string): void {
    this.warnings.push(message);
  }
  error(message: string, error?: unknown): void {
    this.errors.push(`${message}: ${String(error)}`);
  }
}

/** A real nats-server with a control plane on a free port, and a client for it. */
export interface Fixture {
  env: TestEnvironment;
  plane: ControlPlane;
  client: ConveyorClient;
  logger: RecordingLogger;
  /** Stops the control plane and starts a new one on the same NATS (its state must survive). */
  restartPlane(): Promise<void>;
  stop(): Promise<void>;
}

/** `apiPort` keeps the API on one port across `restartPlane()` (default: a free one each time). */
export async function startFixture(
  options: TestEnvironmentOptions & { apiPort?: number } = {},
): Promise<Fixture> {
  const { apiPort = 0, ...environment } = options;
  const env = await startTestEnvironment(environment);
  const logger = new RecordingLogger();
  const start = () => ControlPlane.start({ natsUrl: env.url, port: apiPort, logger });
  const fixture: Fixture = {
    env,
    logger,
    plane: await start(),
    client: undefined as unknown as ConveyorClient,
    async restartPlane() {
      await fixture.plane.stop();
      fixture.plane = await start();
      fixture.client = new ConveyorClient({ apiUrl: fixture.plane.apiUrl });
    },
    async stop() {
      await fixture.plane.stop().catch(() => undefined);
      await env.stop();
    },
  };
  fixture.client = new ConveyorClient({ apiUrl: fixture.plane.apiUrl });
  return fixture;
}
