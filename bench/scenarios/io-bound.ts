import { fmt, sleep, times } from '../harness/format';
import { measureThroughput } from '../harness/measure';
import { rotate } from '../harness/rotate';
import { median, pairedRatio } from '../harness/stats';
import { frameworkLoop } from '../loops/framework-loop';
import type { Scenario } from './scenario';

const IO_MS = 10;
/** Events per run: about 1.5 s at each concurrency's ceiling (100/s and 3,200/s). */
const EVENTS: Record<number, number> = { 1: 150, 32: 4000 };
const TARGET = 25;

/** Scenario 3: a reconcile awaiting 10 ms of I/O, at concurrency 1 (all the Go runtime allows) and 32. */
export const ioBoundScenario: Scenario = {
  id: 'io',
  title: 'I/O-bound reconcile (10 ms awaited): concurrency 1 vs 32',
  async run(ctx, plan, log) {
    const samples: Record<number, number[]> = { 1: [], 32: [] };
    const work = () => sleep(IO_MS);
    for (let round = 1; round <= plan.rounds; round++) {
      for (const c of rotate([1, 32], round)) {
        samples[c].push(
          await measureThroughput(ctx, frameworkLoop, c, Math.round(EVENTS[c] * plan.scale), work),
        );
        log(`round ${round} framework c=${c} ${fmt(samples[c].at(-1)!, 1)} events/s`);
      }
    }
    const ratio = pairedRatio(samples[32], samples[1]);
    return {
      id: 'io',
      title: this.title,
      workload:
        `The framework's DriverManager, full protocol; the reconcile awaits a ${IO_MS} ms timer (a stand-in for a git or HTTP call). ` +
        "Concurrency 1 is the upstream Go runtime's limit (one message at a time per driver); 32 is the framework's `concurrency` option.",
      table: {
        columns: ['Median', 'events/s'],
        rows: [
          ['framework c=1', fmt(median(samples[1]), 1)],
          ['framework c=32', fmt(median(samples[32]), 1)],
          ['**c=32 / c=1** (per-round median; 32x is the ceiling)', `**${times(ratio, 1)}**`],
        ],
      },
      targets: [{ target: `c=32 >= ${TARGET}x c=1`, measured: times(ratio, 1), met: ratio >= TARGET }],
      charts: [
        {
          title: `3. ${IO_MS} ms I/O reconcile: throughput`,
          unit: 'events/s',
          bars: [
            { label: 'framework c=1', value: median(samples[1]) },
            { label: 'framework c=32', value: median(samples[32]) },
          ],
        },
      ],
      samples,
    };
  },
};
