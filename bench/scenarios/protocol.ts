import type { BenchContext } from '../harness/bench-context';
import { fmt, pct } from '../harness/format';
import { measureLatency, measureThroughput } from '../harness/measure';
import { rotate } from '../harness/rotate';
import { median, pairedRatio } from '../harness/stats';
import { frameworkLoop } from '../loops/framework-loop';
import type { LoopKind } from '../loops/loop-under-test';
import { rawLoop, rawLoopNoTraces } from '../loops/raw-loop';
import type { Scenario } from './scenario';

const KINDS = [frameworkLoop, rawLoop, rawLoopNoTraces];
const CONCURRENCIES = [1, 64] as const;
const EVENTS: Record<number, number> = { 1: 6000, 64: 15000 };
const LIGHT_RATE = 100;
const LATENCY_MS = 3000;
const TARGET = 0.9;

interface Samples {
  throughput: number[];
  light: { p50: number[]; p99: number[] };
  half: { p50: number[]; p99: number[] };
}

/**
 * Scenario 1: the full protocol with a no-op reconcile, the framework against a hand-written raw
 * `nats` loop (with nats.js defaults, and with `noAsyncTraces` as the framework's connection uses).
 */
export const protocolScenario: Scenario = {
  id: 'protocol',
  title: 'Full protocol: framework vs raw nats loop',
  async run(ctx, plan, log) {
    const samples: Record<string, Samples> = {};
    const key = (kind: LoopKind, c: number) => `${kind.name} c=${c}`;
    for (const c of CONCURRENCIES) {
      for (const kind of KINDS) {
        samples[key(kind, c)] = { throughput: [], light: { p50: [], p99: [] }, half: { p50: [], p99: [] } };
        await measureThroughput(ctx, kind, c, Math.round(2000 * plan.scale)); // warm-up: JIT, connections, file store
      }
    }
    for (let round = 1; round <= plan.rounds; round++) {
      for (const c of CONCURRENCIES) {
        for (const kind of rotate(KINDS, round)) {
          const rate = await measureThroughput(ctx, kind, c, Math.round(EVENTS[c] * plan.scale));
          samples[key(kind, c)].throughput.push(rate);
          log(`round ${round} ${key(kind, c).padEnd(19)} ${fmt(rate).padStart(7)} events/s`);
        }
      }
    }
    // Latency at half the framework's measured maximum: the same rate for every loop.
    const halfRate = Object.fromEntries(
      CONCURRENCIES.map((c) => [c, Math.round(median(samples[key(frameworkLoop, c)].throughput) / 2)]),
    );
    for (let round = 1; round <= plan.rounds; round++) {
      for (const c of CONCURRENCIES) {
        for (const kind of rotate(KINDS, round)) {
          const s = samples[key(kind, c)];
          for (const [load, perSecond] of [
            ['light', LIGHT_RATE],
            ['half', halfRate[c]],
          ] as const) {
            const figures = await latency(ctx, kind, c, perSecond, LATENCY_MS * plan.scale);
            s[load].p50.push(figures.p50Ms);
            s[load].p99.push(figures.p99Ms);
            log(
              `round ${round} ${key(kind, c).padEnd(19)} at ${fmt(perSecond)}/s: p50 ${fmt(figures.p50Ms, 2)} ms  p99 ${fmt(figures.p99Ms, 2)} ms`,
            );
          }
        }
      }
    }
    return summarize(samples, halfRate);
  },
};

function latency(ctx: BenchContext, kind: LoopKind, c: number, perSecond: number, ms: number) {
  return measureLatency(ctx, kind, c, perSecond, Math.max(ms, 1000));
}

const isPeer = (key: string) => !key.startsWith('framework');

function summarize(samples: Record<string, Samples>, halfRate: Record<number, number>) {
  const m = (k: string) => median(samples[k].throughput);
  const lat = (values: number[]) => fmt(median(values), 2);
  const rows = Object.entries(samples).map(([k, s]) => [
    k,
    fmt(median(s.throughput)),
    `${lat(s.light.p50)} / ${lat(s.light.p99)}`,
    `${lat(s.half.p50)} / ${lat(s.half.p99)}`,
  ]);
  const versus = (peer: string, c: number) => ({
    ofMedians: m(`framework c=${c}`) / m(`${peer} c=${c}`),
    perRound: pairedRatio(samples[`framework c=${c}`].throughput, samples[`${peer} c=${c}`].throughput),
  });
  for (const peer of ['raw', 'raw-notraces']) {
    for (const c of CONCURRENCIES) {
      const v = versus(peer, c);
      rows.push([
        `**framework / ${peer}**, c=${c}`,
        `**${pct(v.perRound)}** (of medians ${pct(v.ofMedians)})`,
        '',
        '',
      ]);
    }
  }
  for (const c of CONCURRENCIES)
    rows[rows.findIndex((r) => r[0] === `framework c=${c}`)][3] += ` (at ${fmt(halfRate[c])}/s)`;
  return {
    id: 'protocol',
    title: protocolScenario.title,
    workload:
      "Both sides: pull from the driver's durable consumer on `messages`, decode the DriverMessage and its string payload, " +
      'run a no-op reconcile, publish the `driver.result` PipelineEvent with `Nats-Msg-Id` and await its PubAck, then ack. ' +
      'The framework also validates the message, arms a timeout and heartbeat, binds a per-run logger and emits lifecycle events.',
    table: {
      columns: ['Median', 'events/s', `p50 / p99 ms at ${LIGHT_RATE}/s`, 'p50 / p99 ms at half the max'],
      rows,
    },
    targets: CONCURRENCIES.map((c) => {
      const v = versus('raw', c);
      return {
        target: `framework >= ${pct(TARGET, 0)} of the raw loop at c=${c}`,
        measured: `${pct(v.perRound)} per-round median, ${pct(v.ofMedians)} of medians`,
        // Met only if both ways of pairing the samples agree: a noisy round must not decide it.
        met: v.perRound >= TARGET && v.ofMedians >= TARGET,
      };
    }),
    charts: [
      {
        title: '1. Full protocol: throughput',
        unit: 'events/s',
        bars: Object.keys(samples).map((k) => ({ label: k, value: m(k), peer: isPeer(k) })),
      },
      {
        title: `1. Full protocol: p99 publish-to-reconcile latency at ${LIGHT_RATE}/s, lower is better`,
        unit: 'ms',
        bars: Object.entries(samples).map(([k, s]) => ({
          label: k,
          value: median(s.light.p99),
          peer: isPeer(k),
        })),
      },
      {
        title: '1. Full protocol: p99 publish-to-reconcile latency at half the max, lower is better',
        unit: 'ms',
        bars: Object.entries(samples).map(([k, s]) => ({
          label: k,
          value: median(s.half.p99),
          peer: isPeer(k),
        })),
      },
    ],
    samples: { halfRate, lightRate: LIGHT_RATE, perLoop: samples },
  };
}
