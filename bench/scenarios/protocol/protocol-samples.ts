/** The samples of the protocol scenario: one entry per loop and concurrency, one value per round. */

export const CONCURRENCIES = [1, 64] as const;
export type Concurrency = (typeof CONCURRENCIES)[number];

/** The like-for-like peer: the raw loop with the framework's connection default `noAsyncTraces`. */
export const LIKE_FOR_LIKE = 'raw-notraces';
/** The raw loop with nats.js defaults, as most people would write it: shown, not judged. */
export const AS_USUALLY_WRITTEN = 'raw';

export interface LatencySamples {
  p50: number[];
  p99: number[];
}

export interface LoopSamples {
  throughput: number[];
  /** JS heap bytes allocated per message in each throughput run. */
  bytesPerMessage: number[];
  /** GC pause time over process CPU time in each throughput run. */
  gcShare: number[];
  light: LatencySamples;
  half: LatencySamples;
}

/** Samples keyed `<loop> c=<c>`, e.g. `framework c=64`. */
export type ProtocolSamples = Record<string, LoopSamples>;

export const sampleKey = (loop: string, c: number): string => `${loop} c=${c}`;

export const emptySamples = (): LoopSamples => ({
  throughput: [],
  bytesPerMessage: [],
  gcShare: [],
  light: { p50: [], p99: [] },
  half: { p50: [], p99: [] },
});
