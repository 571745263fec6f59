import { fmt, pct, times } from '../../harness/format';
import { median } from '../../harness/stats';
import type { ChartPanel, ScenarioResult } from '../../report/bench-report';
import {
  AS_USUALLY_WRITTEN,
  CONCURRENCIES,
  LIKE_FOR_LIKE,
  sampleKey,
  type LoopSamples,
  type ProtocolSamples,
} from './protocol-samples';
import { compare, protocolTargets } from './protocol-targets';

const WORKLOAD =
  "Both sides: pull from the driver's durable consumer on `messages`, decode the DriverMessage and its string payload, " +
  'run a no-op reconcile, publish the `driver.result` PipelineEvent with `Nats-Msg-Id` and await its PubAck, then ack. ' +
  'The framework also validates the message, arms a timeout and heartbeat, binds a per-run logger and emits lifecycle events. ' +
  'Garbage and GC share are measured in the throughput runs, over the same window as events/s.';

const isPeer = (key: string) => !key.startsWith('framework');
const lat = (values: number[]) => fmt(median(values), 2);
const signedMs = (ms: number) => `${ms >= 0 ? '+' : ''}${fmt(ms, 2)} ms`;

/** The protocol scenario's table, targets and charts from its samples. */
export function summarizeProtocol(
  title: string,
  samples: ProtocolSamples,
  halfRate: Record<number, number>,
  lightRate: number,
): ScenarioResult {
  const rows = Object.entries(samples).map(([k, s]) => [
    k,
    fmt(median(s.throughput)),
    `${lat(s.light.p50)} / ${lat(s.light.p99)}`,
    `${lat(s.half.p50)} / ${lat(s.half.p99)}`,
    fmt(median(s.bytesPerMessage)),
    pct(median(s.gcShare)),
  ]);
  for (const c of CONCURRENCIES)
    rows[rows.findIndex((r) => r[0] === sampleKey('framework', c))][3] += ` (at ${fmt(halfRate[c])}/s)`;
  // Raw with nats.js defaults is information; raw-notraces is what the targets are judged against.
  for (const peer of [AS_USUALLY_WRITTEN, LIKE_FOR_LIKE]) {
    for (const c of CONCURRENCIES) {
      const v = compare(samples, peer, c);
      rows.push([
        `**framework / ${peer}**, c=${c}`,
        `**${pct(v.perRound)}** (of medians ${pct(v.ofMedians)})`,
        `p50 ${signedMs(v.framework.lightP50Ms - v.peer.lightP50Ms)}`,
        `p99 ${times(v.framework.halfP99Ms / v.peer.halfP99Ms)}`,
        times(v.framework.bytesPerMessage / v.peer.bytesPerMessage),
        `${pct(v.framework.gcShare)} vs ${pct(v.peer.gcShare)}`,
      ]);
    }
  }
  return {
    id: 'protocol',
    title,
    workload: WORKLOAD,
    table: {
      columns: [
        'Median',
        'events/s',
        `p50 / p99 ms at ${lightRate}/s`,
        'p50 / p99 ms at half the max',
        'heap bytes allocated / message',
        'GC share of CPU',
      ],
      rows,
    },
    targets: protocolTargets(samples, lightRate),
    charts: charts(samples, lightRate),
    samples: { halfRate, lightRate, perLoop: samples },
  };
}

function charts(samples: ProtocolSamples, lightRate: number): ChartPanel[] {
  const panel = (title: string, unit: string, value: (s: LoopSamples) => number): ChartPanel => ({
    title,
    unit,
    bars: Object.entries(samples).map(([k, s]) => ({ label: k, value: value(s), peer: isPeer(k) })),
  });
  return [
    panel('1. Full protocol: throughput', 'events/s', (s) => median(s.throughput)),
    panel(
      `1. Full protocol: p99 publish-to-reconcile latency at ${lightRate}/s, lower is better`,
      'ms',
      (s) => median(s.light.p99),
    ),
    panel('1. Full protocol: p99 publish-to-reconcile latency at half the max, lower is better', 'ms', (s) =>
      median(s.half.p99),
    ),
    panel('1. Full protocol: heap bytes allocated per message, lower is better', 'bytes', (s) =>
      median(s.bytesPerMessage),
    ),
  ];
}
