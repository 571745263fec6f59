import { DEFAULT_ACK_WAIT_MS, driverFilterSubjects, StreamNames } from '../../packages/core/src';
import { DEFAULT_MAX_ACK_PENDING_PER_SLOT } from '../../packages/core/src/constants';
import { provisionDriverConsumer } from '../../packages/core/src/nats/consumer-provisioner';
import { BENCH_RESOURCE, type LoopKind, type Work } from '../loops/loop-under-test';
import type { BenchContext } from './bench-context';
import { percentile } from './stats';

export interface LatencyFigures {
  p50Ms: number;
  p99Ms: number;
  samples: number;
}

/** Times of one run, in `performance.now()` ms. */
export interface RunTimes {
  firstReconcileAt: number;
  lastSettledAt: number;
  /** After the loop's stop() resolved (the framework flushes its log sinks there). */
  stoppedAt: number;
}

/** Something measuring over a run's timed window (e.g. an AllocationMeter). */
export interface WindowMeter {
  start(): void;
  stop(): void;
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
  return eventsPerSecond(count, await timeThroughput(ctx, kind, concurrency, count, work));
}

/** `count` events over the window from the first reconcile to the last settlement. */
export const eventsPerSecond = (count: number, times: RunTimes): number =>
  (count * 1000) / (times.lastSettledAt - times.firstReconcileAt);

/**
 * Runs `count` pre-published events through the loop and returns when it reconciled and settled them.
 * A meter runs over the window events/s is timed on: from the first reconcile to the last settlement.
 */
export async function timeThroughput(
  ctx: BenchContext,
  kind: LoopKind,
  concurrency: number,
  count: number,
  work: Work = noop,
  meter?: WindowMeter,
): Promise<RunTimes> {
  let first = 0;
  const times = await runLoop(
    ctx,
    kind,
    concurrency,
    count,
    (sentAt, logger) => {
      if (!first) {
        meter?.start();
        first = performance.now();
      }
      return work(sentAt, logger);
    },
    (driver) => ctx.feed.prePublish(driver, count),
    undefined,
    () => meter?.stop(),
  );
  return { ...times, firstReconcileAt: first };
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
 * it runs, waits for `count` settlements (calling `afterLastSettlement` at the last), stops it, and checks exactly `count` results were stored
 * (none for a loop that only acks).
 */
async function runLoop(
  ctx: BenchContext,
  kind: LoopKind,
  concurrency: number,
  count: number,
  work: Work,
  before?: (driver: string) => Promise<unknown>,
  during?: (driver: string) => Promise<unknown>,
  afterLastSettlement?: () => void,
): Promise<Omit<RunTimes, 'firstReconcileAt'>> {
  const driver = `${kind.name}-c${concurrency}-${++runs}`;
  const jsm = await ctx.admin.jetstreamManager();
  await jsm.streams.purge(StreamNames.pipelineEngine);
  await jsm.streams.purge(StreamNames.logsEngine);
  const consumer = kind.provision
    ? await kind.provision(ctx.admin, driver)
    : await provisionFrameworkConsumer(ctx, driver, concurrency);
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
        afterLastSettlement?.();
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
  const stoppedAt = performance.now();
  const stored = (await jsm.streams.info(StreamNames.pipelineEngine)).state.messages;
  const expected = kind.publishesResults ? count : 0;
  if (stored !== expected) throw new Error(`${driver}: ${stored} results stored for ${count} events`);
  await jsm.consumers.delete(StreamNames.messages, consumer);
  return { lastSettledAt, stoppedAt };
}

/** The consumer the DriverManager would create for the driver, with its default budget. */
export async function provisionFrameworkConsumer(
  ctx: BenchContext,
  driver: string,
  concurrency: number,
): Promise<string> {
  await provisionDriverConsumer(ctx.admin, {
    driver,
    filterSubjects: driverFilterSubjects(driver, [BENCH_RESOURCE]),
    deliverPolicy: 'all',
    maxAckPending: concurrency * DEFAULT_MAX_ACK_PENDING_PER_SLOT,
    ackWaitMs: DEFAULT_ACK_WAIT_MS,
  });
  return driver;
}
