import type { ChildProcess } from 'node:child_process';
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
const WORK_MS = 1;
const CONCURRENCY = 4;
const EVENTS = 3000;
const RUN_TIMEOUT_MS = 120_000;
const TARGET = 1.6;
let runs = 0;

/** Scenario 5: one driver process against two (same driver, same durable consumer) on a CPU-bound reconcile. */
export const scalingScenario: Scenario = {
  id: 'scaling',
  title: 'Horizontal scaling: one driver process vs two, CPU-bound reconcile',
  async run(ctx, plan, log) {
    const hashIterations = calibrateHashWork(WORK_MS);
    log(`${hashIterations} SHA-256 digests of 4 KiB take about ${WORK_MS} ms here`);
    const scripts = await ChildScripts.compile([WORKER]);
    try {
      const samples: Record<number, number[]> = { 1: [], 2: [] };
      const events = Math.round(EVENTS * plan.scale);
      await runProcesses(ctx, scripts, 1, Math.round(events / 5), hashIterations); // warm-up
      for (let round = 1; round <= plan.rounds; round++) {
        for (const processes of rotate([1, 2], round)) {
          samples[processes].push(await runProcesses(ctx, scripts, processes, events, hashIterations));
          log(`round ${round} ${processes} process(es): ${fmt(samples[processes].at(-1)!)} events/s`);
        }
      }
      const ratio = pairedRatio(samples[2], samples[1]);
      return {
        id: 'scaling',
        title: scalingScenario.title,
        workload:
          `Each process is a DriverManager (compiled JavaScript, concurrency ${CONCURRENCY}) for the same driver, so both pull from ` +
          `one durable consumer; the reconcile computes ${hashIterations} SHA-256 digests of 4 KiB (about ${WORK_MS} ms of synchronous CPU, ` +
          `calibrated at the start of the run), then the result is published as usual. ${fmt(events)} pre-published events, timed from the ` +
          "first reconcile in any process to the last settlement. The machine's cores also run nats-server and the bench process.",
        table: {
          columns: ['Median', 'events/s'],
          rows: [
            ['one process', fmt(median(samples[1]))],
            ['two processes', fmt(median(samples[2]))],
            ['**two / one** (per-round median)', `**${times(ratio)}**`],
          ],
        },
        targets: [
          { target: `two processes >= ${TARGET}x one`, measured: times(ratio), met: ratio >= TARGET },
        ],
        charts: [
          {
            title: '5. CPU-bound reconcile (~1 ms hashing): throughput',
            unit: 'events/s',
            bars: [
              { label: 'one process', value: median(samples[1]) },
              { label: 'two processes', value: median(samples[2]) },
            ],
          },
        ],
        samples: { hashIterations, perProcessCount: samples },
      };
    } finally {
      scripts.remove();
    }
  },
};

/** Events/s of `processes` driver processes sharing `events` pre-published events. */
async function runProcesses(
  ctx: BenchContext,
  scripts: ChildScripts,
  processes: number,
  events: number,
  hashIterations: number,
): Promise<number> {
  const driver = `scale-p${processes}-${++runs}`;
  const jsm = await ctx.admin.jetstreamManager();
  await jsm.streams.purge(StreamNames.pipelineEngine);
  await provisionFrameworkConsumer(ctx, driver, CONCURRENCY);
  await ctx.feed.prePublish(driver, events);

  const args: WorkerArgs = { url: ctx.url, driver, concurrency: CONCURRENCY, hashIterations };
  const workers: ChildProcess[] = [];
  let rate: number;
  try {
    for (let i = 0; i < processes; i++) {
      workers.push((await scripts.start<WorkerMessage>(WORKER, [JSON.stringify(args)])).child);
    }
    rate = await timeWorkers(driver, workers, events);
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
  return rate;
}

/** Starts the loaded workers; events/s from the first reconcile in any of them to the last settlement. */
function timeWorkers(driver: string, workers: ChildProcess[], events: number): Promise<number> {
  let firstAt = 0;
  let settled = 0;
  return new Promise<number>((resolve, reject) => {
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
          resolve((events * 1000) / (performance.now() - firstAt));
        }
      });
      worker.send({ type: 'start' } satisfies ParentMessage);
    }
  });
}
