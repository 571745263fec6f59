import { join } from 'node:path';
import { StreamNames } from '../../../packages/core/src';
import type { BenchContext } from '../../harness/bench-context';
import { ChildScripts, waitForExit } from '../../harness/child-process';
import { fmt } from '../../harness/format';
import { rotate } from '../../harness/rotate';
import { median } from '../../harness/stats';
import type { Scenario } from '../scenario';
import { SETTLE_MS, type FootprintArgs, type FootprintReport } from './footprint-messages';

const CHILD = join(__dirname, 'footprint-child.ts');
/** 0 is the baseline: Node and one nats.js connection, no framework. */
const SIZES = [0, 1, 20, 100];
const TARGET_MIB = 100;
const MIB = 1024 * 1024;
let runs = 0;

/** Scenario 6: resident memory and time to ready with 1, 20 and 100 drivers in one process. */
export const footprintScenario: Scenario = {
  id: 'footprint',
  title: 'Footprint: resident memory and time to ready, 1 / 20 / 100 drivers',
  async run(ctx, plan, log) {
    const scripts = await ChildScripts.compile([CHILD]);
    try {
      const samples: Record<number, FootprintReport[]> = Object.fromEntries(SIZES.map((n) => [n, []]));
      for (let round = 1; round <= plan.rounds; round++) {
        for (const n of rotate(SIZES, round)) {
          const report = await measure(ctx, scripts, n);
          samples[n].push(report);
          log(
            `round ${round} ${label(n).padEnd(26)} RSS ${fmt(report.rssBytes / MIB, 1)} MiB, ready ${fmt(report.readyMs)} ms ` +
              `(start() ${fmt(report.startMs)} ms)`,
          );
        }
      }
      const m = (n: number, pick: (r: FootprintReport) => number) => median(samples[n].map(pick));
      const rss = (n: number) => m(n, (r) => r.rssBytes) / MIB;
      return {
        id: 'footprint',
        title: footprintScenario.title,
        workload:
          'One fresh child process per measurement (compiled JavaScript): a DriverManager with N drivers, each with its own durable ' +
          `consumer and a no-op reconcile, default options (logs at warn). RSS and heap are read ${fmt(SETTLE_MS)} ms after \`start()\` resolved; ` +
          'time to ready runs from process start (Node boot and module loading included), and `start()` alone is shown beside it. ' +
          'The baseline is a Node process holding one nats.js connection.',
        table: {
          columns: ['Median', 'RSS MiB', 'heap used MiB', 'ready after process start, ms', 'start(), ms'],
          rows: SIZES.map((n) => [
            label(n),
            fmt(rss(n), 1),
            fmt(m(n, (r) => r.heapUsedBytes) / MIB, 1),
            fmt(m(n, (r) => r.readyMs)),
            fmt(m(n, (r) => r.startMs)),
          ]),
        },
        targets: [
          {
            target: `< ${TARGET_MIB} MB resident with 100 drivers`,
            measured: `${fmt(rss(100), 1)} MiB (${fmt((rss(100) * MIB) / 1e6, 1)} MB)`,
            met: rss(100) * MIB < TARGET_MIB * 1e6,
          },
        ],
        charts: [
          {
            title: '6. Footprint: resident memory',
            unit: 'MiB',
            bars: SIZES.map((n) => ({ label: label(n), value: rss(n), peer: n === 0 })),
          },
          {
            title: '6. Footprint: time to ready after process start',
            unit: 'ms',
            bars: SIZES.map((n) => ({ label: label(n), value: m(n, (r) => r.readyMs), peer: n === 0 })),
          },
        ],
        samples,
      };
    } finally {
      scripts.remove();
    }
  },
};

const label = (n: number) => (n === 0 ? 'baseline (nats.js only)' : `${n} driver${n === 1 ? '' : 's'}`);

async function measure(ctx: BenchContext, scripts: ChildScripts, n: number): Promise<FootprintReport> {
  const run = ++runs;
  const args: FootprintArgs = {
    url: ctx.url,
    drivers: Array.from({ length: n }, (_, i) => `fp${run}-d${i}`),
  };
  const { child, first } = await scripts.start<FootprintReport>(CHILD, [JSON.stringify(args)]);
  child.disconnect();
  await waitForExit(child, 30_000);
  const jsm = await ctx.admin.jetstreamManager();
  for (const name of args.drivers) await jsm.consumers.delete(StreamNames.messages, name);
  return first;
}
