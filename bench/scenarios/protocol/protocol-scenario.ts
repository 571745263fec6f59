import { measureThroughputAndGarbage } from '../../harness/allocation';
import type { BenchContext } from '../../harness/bench-context';
import { fmt, pct } from '../../harness/format';
import { measureLatency, measureThroughput, type LatencyFigures } from '../../harness/measure';
import { rotate } from '../../harness/rotate';
import { median } from '../../harness/stats';
import { frameworkLoop } from '../../loops/framework-loop';
import type { LoopKind } from '../../loops/loop-under-test';
import { rawLoop, rawLoopNoTraces } from '../../loops/raw-loop';
import type { Scenario } from '../scenario';
import {
  CONCURRENCIES,
  emptySamples,
  sampleKey,
  type LatencySamples,
  type ProtocolSamples,
} from './protocol-samples';
import { summarizeProtocol } from './protocol-summary';

const KINDS = [frameworkLoop, rawLoop, rawLoopNoTraces];
const EVENTS: Record<number, number> = { 1: 6000, 64: 15000 };
const LIGHT_RATE = 100;
const LATENCY_MS = 3000;
/** Light-load rounds per round of the plan, each run this long (100 events at 100/s). */
const LIGHT_ROUNDS_PER_ROUND = 3;
const LIGHT_LATENCY_MS = 1000;

/**
 * Scenario 1: the full protocol with a no-op reconcile, the framework against a hand-written raw
 * `nats` loop (with nats.js defaults, and with `noAsyncTraces` as the framework's connection uses):
 * throughput with the garbage it makes, and latency at light load and at half the maximum of the
 * slower of the framework and raw-notraces.
 */
export const protocolScenario: Scenario = {
  id: 'protocol',
  title: 'Full protocol: framework vs raw nats loop',
  async run(ctx, plan, log) {
    const samples: ProtocolSamples = {};
    const key = (kind: LoopKind, c: number) => sampleKey(kind.name, c);
    for (const c of CONCURRENCIES) {
      for (const kind of KINDS) {
        samples[key(kind, c)] = emptySamples();
        await measureThroughput(ctx, kind, c, Math.round(2000 * plan.scale)); // warm-up: JIT, connections, file store
      }
    }
    for (let round = 1; round <= plan.rounds; round++) {
      for (const c of CONCURRENCIES) {
        for (const kind of rotate(KINDS, round)) {
          const count = Math.round(EVENTS[c] * plan.scale);
          const { eventsPerSec, garbage } = await measureThroughputAndGarbage(ctx, kind, c, count);
          const s = samples[key(kind, c)];
          s.throughput.push(eventsPerSec);
          s.bytesPerMessage.push(garbage.bytesPerMessage);
          s.gcShare.push(garbage.gcShare);
          log(
            `round ${round} ${key(kind, c).padEnd(19)} ${fmt(eventsPerSec).padStart(7)} events/s` +
              `  ${fmt(garbage.bytesPerMessage).padStart(6)} bytes/message  GC ${pct(garbage.gcShare)} of CPU (${garbage.gcEvents} GCs)`,
          );
        }
      }
    }
    // Latency at half the maximum of the slower of the framework and its like-for-like peer, the same
    // rate for every loop: at half the faster one's, the slower is near its own limit and queues
    // (the framework went past raw-notraces, whose p99 at half the framework's maximum was 0.3-0.6 s).
    const halfRate = Object.fromEntries(
      CONCURRENCIES.map((c) => {
        const slower = Math.min(
          median(samples[key(frameworkLoop, c)].throughput),
          median(samples[key(rawLoopNoTraces, c)].throughput),
        );
        return [c, Math.round(slower / 2)];
      }),
    );
    for (let round = 1; round <= plan.rounds; round++) {
      for (const c of CONCURRENCIES) {
        for (const kind of rotate(KINDS, round)) {
          const figures = await latency(ctx, kind, c, halfRate[c], LATENCY_MS * plan.scale);
          recordLatency(samples[key(kind, c)].half, figures, `round ${round} ${key(kind, c)}`, halfRate[c]);
        }
      }
    }
    // Light load in rounds of its own, short and many: one run's p50 moves by up to 0.7 ms with the
    // machine, ten times the margin judged. Each round runs the three loops back to back, a few
    // seconds apart, and the target pairs them round by round as well as comparing medians.
    const lightRounds = plan.rounds * LIGHT_ROUNDS_PER_ROUND;
    for (let round = 1; round <= lightRounds; round++) {
      for (const c of CONCURRENCIES) {
        for (const kind of rotate(KINDS, round)) {
          const figures = await latency(ctx, kind, c, LIGHT_RATE, LIGHT_LATENCY_MS * plan.scale);
          recordLatency(
            samples[key(kind, c)].light,
            figures,
            `light round ${round} ${key(kind, c)}`,
            LIGHT_RATE,
          );
        }
      }
    }
    return summarizeProtocol(this.title, samples, halfRate, LIGHT_RATE);

    function recordLatency(into: LatencySamples, figures: LatencyFigures, label: string, perSecond: number) {
      into.p50.push(figures.p50Ms);
      into.p99.push(figures.p99Ms);
      log(
        `${label.padEnd(30)} at ${fmt(perSecond)}/s: p50 ${fmt(figures.p50Ms, 2)} ms  p99 ${fmt(figures.p99Ms, 2)} ms`,
      );
    }
  },
};

function latency(ctx: BenchContext, kind: LoopKind, c: number, perSecond: number, ms: number) {
  return measureLatency(ctx, kind, c, perSecond, Math.max(ms, 1000));
}
