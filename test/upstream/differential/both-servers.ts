import { startTestEnvironment, type TestEnvironment } from '@conveyor-ts/core/testing';
import { ControlPlane } from '@conveyor-ts/control-plane';
import { startUpstreamServer, type UpstreamServer } from '../support/upstream-server';

/** The real server and the local control plane (on a nats-server of its own), side by side. */
export interface BothServers {
  upstream: UpstreamServer;
  env: TestEnvironment;
  local: ControlPlane;
  stop(): Promise<void>;
}

export async function startBothServers(): Promise<BothServers> {
  const upstream = await startUpstreamServer();
  const env = await startTestEnvironment();
  const local = await ControlPlane.start({
    natsUrl: env.url,
    port: 0,
    logger: { info() {}, warn() {}, error() {} },
  });
  return {
    upstream,
    env,
    local,
    async stop() {
      await local.stop();
      await env.stop();
      await upstream.stop();
    },
  };
}
