import { connect, type NatsConnection } from 'nats';
import { startTestEnvironment, type TestEnvironment } from '../../packages/core/src/testing';
import { EventFeed } from './event-feed';
import { processCpuMs } from './process-cpu';

/** The private nats-server every scenario of a run shares, and the connections the bench itself uses. */
export interface BenchContext {
  url: string;
  /** For provisioning consumers and counting stored results; not used by the loops under test. */
  admin: NatsConnection;
  feed: EventFeed;
  /** CPU time nats-server has used so far, in ms (NaN where /proc is missing). */
  serverCpuMs(): number;
}

export interface OpenBench {
  ctx: BenchContext;
  close(): Promise<void>;
}

/** Starts a private nats-server (loopback, file store, Conveyor's streams) and connects to it. */
export async function openBench(): Promise<OpenBench> {
  const env: TestEnvironment = await startTestEnvironment();
  const admin = await connect({ servers: env.url, name: 'bench-admin' });
  const feed = await EventFeed.connect(env.url);
  return {
    ctx: { url: env.url, admin, feed, serverCpuMs: () => processCpuMs(env.server.pid) },
    async close() {
      await feed.close();
      await admin.close();
      await env.stop();
    },
  };
}
