import { connect, type NatsConnection } from 'nats';
import { startTestEnvironment, type TestEnvironment } from '../../packages/core/src/testing';
import { EventFeed } from './event-feed';

/** The private nats-server every scenario of a run shares, and the connections the bench itself uses. */
export interface BenchContext {
  url: string;
  /** For provisioning consumers and counting stored results; not used by the loops under test. */
  admin: NatsConnection;
  feed: EventFeed;
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
    ctx: { url: env.url, admin, feed },
    async close() {
      await feed.close();
      await admin.close();
      await env.stop();
    },
  };
}
