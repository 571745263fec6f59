import type { ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { StreamNames } from '../../../packages/core/src';
import type { BenchContext } from '../../harness/bench-context';
import { ChildScripts, waitForExit } from '../../harness/child-process';
import { fmt, times } from '../../harness/format';
import { provisionFrameworkConsumer } from '../../harness/measure';
import { rotate } from '../../harness/rotate';
import { median, pairedRatio } from '../../harness/stats';
import type { Scenario } from '../scenario';
import { calibrateHashWork } from './cpu-work';
import type { ParentMessage, WorkerArgs, WorkerMessage } from './scaling-messages';

const WORKER = join(__dirname, 'scaling-worker.ts');
const CONCURRENCY = 4;
/** A short reconcile, where per-message protocol work weighs most, and a typical CPU-bound one. */
const VARIANTS = [
  { workMs: 1, events: 3000 },
  { workMs: 10, events: 400 },
];
const RUN_TIMEOUT_MS = 120_000;
const TARGET = 1.6;
let runs = 0;

/** One timed run: events/s, and the cores its driver processes and nats-server kept busy meanwhile. */
interface ScalingRun {
  rate: number;
  workerCores: number;
  serverCores: number;
  /** The least busy driver event loop of the run (0..1). */
  eventLoopBusy: number;
}

type Samples = Record<1 | 2, ScalingRun[]>;

/** Scenario 5: one driver process against two (same driver, same durable consumer) on a CPU-bound reconcile. */
export const scalingScenario: Scenario = {
  id: 'scaling',
  title: 'Horizontal scaling: one driver process vs two, CPU-bound reconcile',
  async run(ctx, plan, log) {
    const scripts = await ChildScripts.compile([WORKER]);
    try {
      const variants = VARIANTS.map((v) => ({
        ...v,
        label: `${v.workMs} ms reconcile`,
        hashIterations: calibrateHashWork(v.workMs),
        events: Math.round(v.events * plan.scale),
        samples: { 1: [], 2: [] } as Samples,
      }));
      for (const v of variants)
        log(`one SHA-256 digest of ${v.hashIterations} 4 KiB blocks takes about ${v.workMs} ms here`);
      await runProcesses(ctx, scripts, 1, Math.round(variants[0].events / 5), variants[0].hashIterations); // warm-up
      for (let round = 1; round <= plan.rounds; round++) {
        for (const v of variants) {
          for (const processes of rotate([1, 2] as const, round)) {
            const run = await runProcesses(ctx, scripts, processes, v.events, v.hashIterations);
            v.samples[processes].push(run);
            log(
              `round ${round} ${v.label}, ${processes} process(es): ${fmt(run.rate)} events/s, ` +
                `CPU ${fmt(run.workerCores, 2)} cores in drivers + ${fmt(run.serverCores, 2)} in nats-server`,
            );
          }
        }
      }
      return summarize(variants);
    } finally {
      scripts.remove();
    }
  },
};

function summarize(
  variants: Array<{
    label: string;
    workMs: number;
    hashIterations: number;
    events: number;
    samples: Samples;
  }>,
) {
  const cores = cpus().length;
  const figures = variants.map((v) => {
    const of = (n: 1 | 2, key: keyof ScalingRun) => median(v.samples[n].map((run) => run[key]));
    const ratio = pairedRatio(
      v.samples[2].map((run) => run.rate),
      v.samples[1].map((run) => run.rate),
    );
    const cpu = (n: 1 | 2) => `${fmt(of(n, 'workerCores'), 2)} + ${fmt(of(n, 'serverCores'), 2)}`;
    const busy = (n: 1 | 2) => `${fmt(of(n, 'eventLoopBusy') * 100)}%`;
    return { ...v, ratio, rate: (n: 1 | 2) => of(n, 'rate'), cpu, busy };
  });
  return {
    id: 'scaling',
    title: scalingScenario.title,
    workload:
      `Each process is a DriverManager (compiled JavaScript, concurrency ${CONCURRENCY}) for the same driver, so all pull from ` +
      'one durable consumer; the reconcile computes one SHA-256 digest over 4 KiB blocks, calibrated at the start of the run to ' +
      `about 1 ms (${figures[0].hashIterations} blocks) or 10 ms (${figures[1].hashIterations} blocks) of synchronous CPU, then the ` +
      `result is published as usual. ${fmt(figures[0].events)} or ${fmt(figures[1].events)} pre-published events, timed from the ` +
      'first reconcile in any process to the last settlement. CPU is what the driver processes (`process.cpuUsage()`) and ' +
      `nats-server (/proc) used during the run, in cores busy; the machine has ${cores}, and they also run the bench process. ` +
      'The least busy event loop (`performance.eventLoopUtilization()`) shows whether a driver process waited for messages.',
    table: {
      columns: ['Median', 'one process', 'two processes', 'two / one (per-round median)'],
      rows: figures.flatMap((f) => [
        [`${f.label}: events/s`, fmt(f.rate(1)), fmt(f.rate(2)), `**${times(f.ratio)}**`],
        [`${f.label}: CPU cores busy, drivers + nats-server`, f.cpu(1), f.cpu(2), ''],
        [`${f.label}: least busy driver event loop`, f.busy(1), f.busy(2), ''],
      ]),
    },
    targets: figures.map((f) => ({
      target: `two processes >= ${TARGET}x one (${f.label})`,
      measured: times(f.ratio),
      met: f.ratio >= TARGET,
    })),
    charts: [
      {
        title: '5. CPU-bound reconcile: throughput, one process vs two',
        unit: 'events/s',
        bars: figures.flatMap((f) => [
          { label: `${f.label}, one process`, value: f.rate(1) },
          { label: `${f.label}, two processes`, value: f.rate(2) },
        ]),
      },
    ],
    samples: Object.fromEntries(
      figures.map((f) => [f.label, { hashIterations: f.hashIterations, runs: f.samples }]),
    ),
  };
}

/** Events/s of `processes` driver processes sharing `events` pre-published events, and the CPU they used. */
async function runProcesses(
  ctx: BenchContext,
  scripts: ChildScripts,
  processes: number,
  events: number,
  hashIterations: number,
): Promise<ScalingRun> {
  const driver = `scale-p${processes}-${++runs}`;
  const jsm = await ctx.admin.jetstreamManager();
  await jsm.streams.purge(StreamNames.pipelineEngine);
  await provisionFrameworkConsumer(ctx, driver, CONCURRENCY);
  await ctx.feed.prePublish(driver, events);

  const args: WorkerArgs = { url: ctx.url, driver, concurrency: CONCURRENCY, hashIterations };
  const workers: ChildProcess[] = [];
  let workerCpuMs = 0;
  let eventLoopBusy = 1;
  let timed: { rate: number; wallMs: number; serverCpuMs: number };
  try {
    for (let i = 0; i < processes; i++) {
      const { child } = await scripts.start<WorkerMessage>(WORKER, [JSON.stringify(args)]);
      child.on('message', (message: WorkerMessage) => {
        if (message.type !== 'usage') return;
        workerCpuMs += message.cpuMs;
        eventLoopBusy = Math.min(eventLoopBusy, message.eventLoopBusy);
      });
      workers.push(child);
    }
    timed = await timeWorkers(ctx, driver, workers, events);
  } finally {
    await Promise.all(
      workers.map((worker) => {
        if (worker.connected) worker.send({ type: 'stop' } satisfies ParentMessage);
        return waitForExit(worker, 30_000);
      }),
    );
  }
  const stored = (await jsm.streams.info(StreamNames.pipelineEngine)).state.messages;
  await jsm.consumers.delete(StreamNames.messages, driver);
  if (stored !== events) throw new Error(`${driver}: ${stored} results stored for ${events} events`);
  return {
    rate: timed.rate,
    workerCores: workerCpuMs / timed.wallMs,
    serverCores: timed.serverCpuMs / timed.wallMs,
    eventLoopBusy,
  };
}

/**
 * Starts the loaded workers; events/s from the first reconcile in any of them to the last settlement,
 * and nats-server's CPU time from the start message to that settlement.
 */
function timeWorkers(
  ctx: BenchContext,
  driver: string,
  workers: ChildProcess[],
  events: number,
): Promise<{ rate: number; wallMs: number; serverCpuMs: number }> {
  let firstAt = 0;
  let settled = 0;
  const startedAt = performance.now();
  const serverCpuAtStart = ctx.serverCpuMs();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${driver}: ${settled} of ${events} settled`)),
      RUN_TIMEOUT_MS,
    );
    for (const worker of workers) {
      worker.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${driver}: a driver process exited (${code})`));
      });
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'first-reconcile') firstAt ||= performance.now();
        if (message.type !== 'settled') return;
        settled += message.count;
        if (settled >= events) {
          clearTimeout(timer);
          const now = performance.now();
          resolve({
            rate: (events * 1000) / (now - firstAt),
            wallMs: now - startedAt,
            serverCpuMs: ctx.serverCpuMs() - serverCpuAtStart,
          });
        }
      });
      worker.send({ type: 'start' } satisfies ParentMessage);
    }
  });
}
