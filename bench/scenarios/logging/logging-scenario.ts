import { connect } from 'nats';
import { NatsTransport, openNatsConnection, StreamNames } from '../../../packages/core/src';
import type { BenchContext } from '../../harness/bench-context';
import { fmt, sleep } from '../../harness/format';
import { timeThroughput } from '../../harness/measure';
import { rotate } from '../../harness/rotate';
import { frameworkLoggingLoop } from '../../loops/framework-loop';
import type { LoopKind, RunLog } from '../../loops/loop-under-test';
import { rawLoggingLoop } from '../../loops/raw-loop';
import type { Scenario } from '../scenario';
import {
  CEILING_WINDOWS,
  ceilingLinesPerSecond,
  logCallCostNs,
  pipelineLinesPerSecond,
  upstreamLinesPerSecond,
} from './line-delivery';
import {
  LINES_PER_RECONCILE,
  summarizeLogging,
  type Delivery,
  type LoggedRun,
  type ReconcileSamples,
} from './logging-summary';

const VARIANTS = [
  // The hand-written loop logs the same lines: is what is asked of the framework within anyone's reach?
  { label: 'no-op reconcile', events: 2000, ioMs: 0, handWritten: true },
  { label: 'reconcile with 2 ms of I/O', events: 300, ioMs: 2, handWritten: false },
];
/** What one round of a variant runs: no lines, the framework's 100, the hand-written loop's 100. */
type Side = 'none' | 'framework' | 'hand-written';

const WORKLOAD =
  `A DriverManager at concurrency 1 with run logs on (JetStream \`logs.<run_id>\` and live \`live.logs.<run_id>.<driver>\`, stdout off), ` +
  `default log queues; the reconcile logs ${LINES_PER_RECONCILE} info lines through \`ctx.logger\` or none, then the result is published as usual. ` +
  'Lines delivered are counted in the `logs-engine` stream after `stop()` flushed the sinks; lines/s runs from the first reconcile to that point. ' +
  "Pipeline vs upstream: 50,000 lines through the framework's pipeline against 5,000 awaited one by one as the Go runtime does, both until stored. " +
  'The hand-written loop (no-op reconcile only) is the raw-notraces loop whose reconcile logs the same lines on a second connection, each a plain publish with one shared PubAck inbox plus its live publish, counted until stored the same way.';

/** Scenario 4: a reconcile that logs 100 lines against one that logs none, and lines/s delivered. */
export const loggingScenario: Scenario = {
  id: 'logging',
  title: 'Logging: 100 lines per reconcile vs none',
  async run(ctx, plan, log) {
    const transport = new NatsTransport(
      await openNatsConnection({ servers: [ctx.url], name: 'bench-logging' }),
    );
    const raw = await connect({ servers: ctx.url, name: 'bench-upstream-logging' });
    const bare = await connect({ servers: ctx.url, name: 'bench-ceiling-logging', noAsyncTraces: true });
    try {
      const costNs = await logCallCostNs(transport);
      log(`one log call: ${fmt(costNs)} ns`);
      const delivery: Delivery = { upstream: [], pipeline: [], ceiling: [] };
      const deliver = {
        upstream: (lines: number) => upstreamLinesPerSecond(raw, Math.round(lines / 10)),
        pipeline: (lines: number) => pipelineLinesPerSecond(transport, lines),
        ceiling: async (lines: number) => {
          let best = 0;
          for (const window of CEILING_WINDOWS)
            best = Math.max(best, await ceilingLinesPerSecond(bare, lines, window));
          return best;
        },
      };
      for (const side of ['upstream', 'pipeline', 'ceiling'] as const) await deliver[side](5000);
      for (let round = 1; round <= plan.rounds; round++) {
        for (const side of rotate(['upstream', 'pipeline', 'ceiling'] as const, round)) {
          delivery[side].push(await deliver[side](Math.round(50_000 * plan.scale)));
          log(`round ${round} ${side} ${fmt(delivery[side].at(-1)!)} lines/s`);
        }
      }

      const reconciles: ReconcileSamples[] = VARIANTS.map(({ handWritten, ...v }) => ({
        ...v,
        none: [],
        logged: [],
        ...(handWritten ? { handWritten: [] } : {}),
      }));
      const warmUp = Math.round(200 * plan.scale);
      for (const v of reconciles) await loggedRun(ctx, frameworkLoggingLoop, warmUp, 0, v.ioMs);
      await loggedRun(ctx, rawLoggingLoop, warmUp, LINES_PER_RECONCILE, 0);
      for (let round = 1; round <= plan.rounds; round++) {
        for (const v of reconciles) {
          const events = Math.round(v.events * plan.scale);
          const sides: Side[] = v.handWritten ? ['none', 'framework', 'hand-written'] : ['none', 'framework'];
          for (const side of rotate(sides, round)) {
            const lines = side === 'none' ? 0 : LINES_PER_RECONCILE;
            const loop = side === 'hand-written' ? rawLoggingLoop : frameworkLoggingLoop;
            const run = await loggedRun(ctx, loop, events, lines, v.ioMs);
            if (side === 'none') v.none.push(run.eventsPerSec);
            else if (side === 'framework') v.logged.push(run);
            else v.handWritten!.push(run);
            log(
              `round ${round} ${v.label}, ${side === 'none' ? 'no lines' : `${lines} lines, ${side}`}: ${fmt(run.eventsPerSec)} events/s` +
                (lines
                  ? `, ${fmt(run.linesDelivered)} of ${fmt(events * lines)} lines delivered, ${fmt(run.linesPerSec)} lines/s`
                  : ''),
            );
          }
        }
      }
      return summarizeLogging(this.title, WORKLOAD, costNs, delivery, reconciles);
    } finally {
      await raw.close();
      await bare.close();
      await transport.close();
    }
  },
};

/** A run of `loop` whose reconcile logs `lines` lines; lines counted once stored in `logs-engine`. */
async function loggedRun(
  ctx: BenchContext,
  loop: LoopKind,
  events: number,
  lines: number,
  ioMs: number,
): Promise<LoggedRun> {
  const work = async (_sentAt: number, logger?: RunLog) => {
    for (let i = 0; i < lines; i++) logger!.info(`Step ${i}: cloning repository`);
    if (ioMs > 0) await sleep(ioMs);
  };
  const run = await timeThroughput(ctx, loop, 1, events, work);
  // stop() flushed the sinks: whatever is not stored now was dropped.
  const jsm = await ctx.admin.jetstreamManager();
  const linesDelivered = (await jsm.streams.info(StreamNames.logsEngine)).state.messages;
  return {
    eventsPerSec: (events * 1000) / (run.lastSettledAt - run.firstReconcileAt),
    linesDelivered,
    linesPerSec: (linesDelivered * 1000) / (run.stoppedAt - run.firstReconcileAt),
  };
}
