import type { NatsConnection } from 'nats';
import {
  DEFAULT_ACK_WAIT_MS,
  DEFAULT_MAX_ACK_PENDING_PER_SLOT,
  driverFilterSubjects,
  StreamNames,
} from '../../packages/core/src';
import { provisionDriverConsumer } from '../../packages/core/src/nats/consumer-provisioner';
import type { EventFeed } from './event-feed';
import { BENCH_RESOURCE, type LoopKind, type Work } from './loop-under-test';
import { percentile } from './stats';

export interface BenchContext {
  url: string;
  /** For provisioning consumers and counting stored results; not used by the loops under test. */
  admin: NatsConnection;
  feed: EventFeed;
}

export interface LatencyFigures {
  p50Ms: number;
  p99Ms: number;
  samples: number;
}

/** A run that has not settled everything by then has lost messages: fail loudly. */
const RUN_TIMEOUT_MS = 120_000;
const noop: Work = () => undefined;
let runs = 0;

/** Events/s from the first reconcile to the last settlement of `count` pre-published events. */
export async function measureThroughput(
  ctx: BenchContext,
  kind: LoopKind,
  concurrency: number,
  count: number,
  work: Work = noop,
): Promise<number> {
  let first = 0;
  const run = await runLoop(
    ctx,
    kind,
    concurrency,
    count,
    (sentAt) => {
      first ||= performance.now();
      return work(sentAt);
    },
    (driver) => ctx.feed.prePublish(driver, count),
  );
  return (count * 1000) / (run.lastSettledAt - first);
}

/** Publish-to-reconcile latency of a no-op reconcile, with events published at a fixed rate. */
export async function measureLatency(
  ctx: BenchContext,
  kind: LoopKind,
  concurrency: number,
  perSecond: number,
  durationMs: number,
): Promise<LatencyFigures> {
  const latencies: number[] = [];
  const count = Math.round((perSecond * durationMs) / 1000);
  await runLoop(
    ctx,
    kind,
    concurrency,
    count,
    (sentAt) => void latencies.push(performance.now() - sentAt),
    undefined,
    (driver) => ctx.feed.publishAtRate(driver, perSecond, durationMs),
  );
  return { p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), samples: latencies.length };
}

/**
 * Creates the driver's consumer, optionally pre-publishes, starts the loop, optionally feeds it while
 * it runs, waits for `count` settlements, stops it, and checks exactly `count` results were stored.
 */
async function runLoop(
  ctx: BenchContext,
  kind: LoopKind,
  concurrency: number,
  count: number,
  work: Work,
  before?: (driver: string) => Promise<unknown>,
  during?: (driver: string) => Promise<unknown>,
): Promise<{ lastSettledAt: number }> {
  const driver = `${kind.name}-c${concurrency}-${++runs}`;
  const jsm = await ctx.admin.jetstreamManager();
  await jsm.streams.purge(StreamNames.pipelineEngine);
  await provisionDriverConsumer(ctx.admin, {
    driver,
    filterSubjects: driverFilterSubjects(driver, [BENCH_RESOURCE]),
    deliverPolicy: 'all',
    maxAckPending: concurrency * DEFAULT_MAX_ACK_PENDING_PER_SLOT,
    ackWaitMs: DEFAULT_ACK_WAIT_MS,
  });
  await before?.(driver);

  let settled = 0;
  let lastSettledAt = 0;
  let finish!: () => void;
  const allSettled = new Promise<void>((resolve) => (finish = resolve));
  const loop = await kind.start({
    url: ctx.url,
    driver,
    concurrency,
    work,
    onSettled: () => {
      settled += 1;
      if (settled === count) {
        lastSettledAt = performance.now();
        finish();
      }
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${driver}: only ${settled} of ${count} settled in ${RUN_TIMEOUT_MS} ms`)),
      RUN_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([Promise.all([during?.(driver), allSettled]), timeout]);
  } finally {
    clearTimeout(timer);
    await loop.stop();
  }
  const stored = (await jsm.streams.info(StreamNames.pipelineEngine)).state.messages;
  if (stored !== count) throw new Error(`${driver}: ${stored} results stored for ${count} events`);
  await jsm.consumers.delete(StreamNames.messages, driver);
  return { lastSettledAt };
}
