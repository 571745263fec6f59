import { fmt, pct, times } from '../../harness/format';
import { median, pairedDifference, pairedRatio } from '../../harness/stats';
import type { TargetCheck } from '../../report/bench-report';
import { CONCURRENCIES, LIKE_FOR_LIKE, sampleKey, type ProtocolSamples } from './protocol-samples';

/** Issue 18: events/s of the framework over raw-notraces's, per concurrency. */
export const THROUGHPUT_TARGET: Record<number, number> = { 1: 1.4, 64: 1.0 };
/** Issue 18: p99 publish-to-reconcile latency at half the max, at most this multiple of raw-notraces's. */
export const HALF_LOAD_P99_TARGET = 1.5;
/** Issue 18: p50 latency at light load at most this many ms above raw-notraces's. */
export const LIGHT_LOAD_P50_MARGIN_MS = 0.05;
/** Issue 18: JS heap bytes allocated per message, at most this multiple of raw-notraces's. */
export const GARBAGE_TARGET = 1.3;

/** The framework against one peer at one concurrency, each figure a median over the rounds. */
export interface Comparison {
  /** Median of the per-round events/s ratios. */
  perRound: number;
  /** Ratio of the median events/s. */
  ofMedians: number;
  /** Median of the per-round differences of the light-load p50 (framework minus peer), ms. */
  lightP50PerRound: number;
  framework: Figures;
  peer: Figures;
}

interface Figures {
  eventsPerSec: number;
  lightP50Ms: number;
  halfP99Ms: number;
  bytesPerMessage: number;
  gcShare: number;
}

export function compare(samples: ProtocolSamples, peer: string, c: number): Comparison {
  const fw = samples[sampleKey('framework', c)];
  const other = samples[sampleKey(peer, c)];
  return {
    perRound: pairedRatio(fw.throughput, other.throughput),
    ofMedians: median(fw.throughput) / median(other.throughput),
    lightP50PerRound: pairedDifference(fw.light.p50, other.light.p50),
    framework: figures(samples, 'framework', c),
    peer: figures(samples, peer, c),
  };
}

function figures(samples: ProtocolSamples, loop: string, c: number): Figures {
  const s = samples[sampleKey(loop, c)];
  return {
    eventsPerSec: median(s.throughput),
    lightP50Ms: median(s.light.p50),
    halfP99Ms: median(s.half.p99),
    bytesPerMessage: median(s.bytesPerMessage),
    gcShare: median(s.gcShare),
  };
}

/** Issue 18's protocol targets, each judged against raw-notraces at c=1 and at c=64. */
export function protocolTargets(samples: ProtocolSamples, lightRate: number): TargetCheck[] {
  const at = CONCURRENCIES.map((c) => ({ c, v: compare(samples, LIKE_FOR_LIKE, c) }));
  const ms = (value: number) => `${fmt(value, 2)} ms`;
  return [
    ...at.map(({ c, v }) => ({
      target: `framework >= ${pct(THROUGHPUT_TARGET[c], 0)} of ${LIKE_FOR_LIKE} events/s at c=${c}`,
      measured: `${pct(v.perRound)} per-round median, ${pct(v.ofMedians)} of medians`,
      // Met only if both ways of pairing the samples agree: a noisy round must not decide it.
      met: v.perRound >= THROUGHPUT_TARGET[c] && v.ofMedians >= THROUGHPUT_TARGET[c],
    })),
    ...at.map(({ c, v }) => {
      const ratio = v.framework.halfP99Ms / v.peer.halfP99Ms;
      return {
        target: `p99 latency at half the max <= ${times(HALF_LOAD_P99_TARGET, 1)} ${LIKE_FOR_LIKE}'s at c=${c}`,
        measured: `${ms(v.framework.halfP99Ms)} vs ${ms(v.peer.halfP99Ms)} (${times(ratio)})`,
        met: ratio <= HALF_LOAD_P99_TARGET,
      };
    }),
    ...at.map(({ c, v }) => {
      const ofMedians = v.framework.lightP50Ms - v.peer.lightP50Ms;
      const signed = (delta: number) => `${delta >= 0 ? '+' : ''}${ms(delta)}`;
      return {
        target: `p50 latency at ${lightRate}/s within ${ms(LIGHT_LOAD_P50_MARGIN_MS)} of ${LIKE_FOR_LIKE}'s at c=${c}`,
        measured: `${ms(v.framework.lightP50Ms)} vs ${ms(v.peer.lightP50Ms)} (${signed(ofMedians)}; ${signed(v.lightP50PerRound)} per-round median)`,
        // As for events/s: met only if the paired rounds and the medians agree.
        met: ofMedians <= LIGHT_LOAD_P50_MARGIN_MS && v.lightP50PerRound <= LIGHT_LOAD_P50_MARGIN_MS,
      };
    }),
    ...at.map(({ c, v }) => {
      const ratio = v.framework.bytesPerMessage / v.peer.bytesPerMessage;
      return {
        target: `garbage per message <= ${times(GARBAGE_TARGET, 1)} ${LIKE_FOR_LIKE}'s at c=${c}`,
        measured: `${fmt(v.framework.bytesPerMessage)} vs ${fmt(v.peer.bytesPerMessage)} bytes (${times(ratio)})`,
        met: ratio <= GARBAGE_TARGET,
      };
    }),
  ];
}
