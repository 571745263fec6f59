import { emptySamples, type LoopSamples, type ProtocolSamples } from '../protocol-samples';
import { protocolTargets } from '../protocol-targets';

/** Three rounds of one loop at one concurrency; the latency and garbage figures are the same each round. */
const loop = (throughput: number[], p50 = 0.4, p99 = 25, bytes = 4000): LoopSamples => ({
  ...emptySamples(),
  throughput,
  bytesPerMessage: throughput.map(() => bytes),
  gcShare: throughput.map(() => 0.05),
  light: { p50: throughput.map(() => p50), p99: throughput.map(() => 1) },
  half: { p50: throughput.map(() => 1), p99: throughput.map(() => p99) },
});

/** raw-notraces does 5,000 events/s at c=1 and 20,000 at c=64; the framework as given. */
const samples = (framework: Partial<Record<1 | 64, LoopSamples>>): ProtocolSamples => ({
  'framework c=1': framework[1] ?? loop([7500, 7500, 7500]),
  'raw c=1': loop([4000, 4000, 4000]),
  'raw-notraces c=1': loop([5000, 5000, 5000]),
  'framework c=64': framework[64] ?? loop([20000, 20000, 20000]),
  'raw c=64': loop([18000, 18000, 18000]),
  'raw-notraces c=64': loop([20000, 20000, 20000]),
});

const judged = (s: ProtocolSamples) =>
  Object.fromEntries(protocolTargets(s, 100).map((t) => [t.target, t.met]));

describe('protocolTargets', () => {
  it('judges every issue 18 target against raw-notraces at c=1 and c=64', () => {
    expect(judged(samples({}))).toEqual({
      'framework >= 140% of raw-notraces events/s at c=1': true,
      'framework >= 100% of raw-notraces events/s at c=64': true,
      "p99 latency at half the max <= 1.5x raw-notraces's at c=1": true,
      "p99 latency at half the max <= 1.5x raw-notraces's at c=64": true,
      "p50 latency at 100/s within 0.05 ms of raw-notraces's at c=1": true,
      "p50 latency at 100/s within 0.05 ms of raw-notraces's at c=64": true,
      "garbage per message <= 1.3x raw-notraces's at c=1": true,
      "garbage per message <= 1.3x raw-notraces's at c=64": true,
    });
  });

  it('misses each target just beyond its bound and meets it just within, with the figures it was judged on', () => {
    const targets = protocolTargets(
      samples({
        1: loop([6900, 6900, 6900], 0.46, 38, 5300),
        64: loop([19800, 19800, 19800], 0.44, 37, 5100),
      }),
      100,
    );
    expect(targets.filter((t) => t.met).map((t) => t.target)).toEqual([
      "p99 latency at half the max <= 1.5x raw-notraces's at c=64",
      "p50 latency at 100/s within 0.05 ms of raw-notraces's at c=64",
      "garbage per message <= 1.3x raw-notraces's at c=64",
    ]);
    expect(targets.map((t) => t.measured)).toEqual([
      '138.0% per-round median, 138.0% of medians',
      '99.0% per-round median, 99.0% of medians',
      '38.00 ms vs 25.00 ms (1.52x)',
      '37.00 ms vs 25.00 ms (1.48x)',
      '0.46 ms vs 0.40 ms (+0.06 ms; +0.06 ms per-round median)',
      '0.44 ms vs 0.40 ms (+0.04 ms; +0.04 ms per-round median)',
      '5,300 vs 4,000 bytes (1.33x)',
      '5,100 vs 4,000 bytes (1.28x)',
    ]);
  });

  it('meets a throughput target only when the per-round ratio and the ratio of medians both reach it', () => {
    const c64 = (framework: number[], peer: number[]) => {
      const s = samples({ 64: loop(framework) });
      s['raw-notraces c=64'] = loop(peer);
      return protocolTargets(s, 100).find((t) => t.target.endsWith('events/s at c=64'))!;
    };
    // Per round 105%, 106%, 95% (median 105%); medians 18,000 against 19,000.
    expect(c64([21000, 18000, 18000], [20000, 17000, 19000])).toEqual(
      expect.objectContaining({ measured: '105.0% per-round median, 94.7% of medians', met: false }),
    );
    // Per round 95%, 96%, 173% (median 96%); medians 25,000 against 20,000.
    expect(c64([19000, 25000, 26000], [20000, 26000, 15000])).toEqual(
      expect.objectContaining({ measured: '96.2% per-round median, 125.0% of medians', met: false }),
    );
    expect(c64([21000, 25000, 26000], [20000, 24000, 25000]).met).toBe(true);
  });

  it('meets the light-load target only when the per-round difference and the difference of medians are both within it', () => {
    const c1 = (framework: number[], peer: number[]) => {
      const s = samples({});
      s['framework c=1'].light.p50 = framework;
      s['raw-notraces c=1'].light.p50 = peer;
      return protocolTargets(s, 100).find((t) => t.target.includes('within') && t.target.endsWith('c=1'))!;
    };
    // Per round -0.40, +0.02, +0.50 (median +0.02); medians 1.00 against 0.90.
    expect(c1([0.5, 1.0, 1.1], [0.9, 0.98, 0.6])).toEqual(
      expect.objectContaining({
        measured: '1.00 ms vs 0.90 ms (+0.10 ms; +0.02 ms per-round median)',
        met: false,
      }),
    );
    // Per round +0.10, +0.10, -0.50 (median +0.10); medians 0.90 against 0.90.
    expect(c1([0.9, 1.0, 0.5], [0.8, 0.9, 1.0])).toEqual(
      expect.objectContaining({
        measured: '0.90 ms vs 0.90 ms (+0.00 ms; +0.10 ms per-round median)',
        met: false,
      }),
    );
    expect(c1([0.82, 0.93, 0.71], [0.8, 0.9, 0.7]).met).toBe(true);
  });
});
