/**
 * Driver manager benchmark (issue 3). Run: `npm run bench:manager`.
 * One private nats-server; in every round the framework (DriverManager) and a hand-written raw
 * `nats` loop take turns (the order alternates between rounds) at concurrency 1 and 64:
 * events/s over pre-published events, and publish-to-reconcile latency at a fixed rate.
 * Then a 10 ms I/O-bound reconcile at concurrency 32 against 1. Prints medians and ratios and
 * writes every sample to bench/results/. `BENCH_ROUNDS` and `BENCH_SCALE` shorten a trial run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { startTestEnvironment } from '../../packages/core/src/testing';
import { EventFeed } from './event-feed';
import { frameworkLoop } from './framework-loop';
import type { LoopKind } from './loop-under-test';
import { measureLatency, measureThroughput, type BenchContext, type LatencyFigures } from './measure';
import { rawLoop, rawLoopNoTraces } from './raw-loop';
import { median } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const CONCURRENCIES = [1, 64] as const;
const KINDS = [frameworkLoop, rawLoop, rawLoopNoTraces];
const THROUGHPUT_EVENTS: Record<number, number> = { 1: 6000 * SCALE, 64: 15000 * SCALE };
const LATENCY_RATE = 1000;
const LATENCY_MS = 3000 * SCALE;
const IO_MS = 10;
const IO_EVENTS: Record<number, number> = { 1: 150 * SCALE, 32: 3000 * SCALE };
const IO_ROUNDS = 3;

type Samples = Record<string, { throughput: number[]; p50: number[]; p99: number[] }>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main(): Promise<void> {
  const env = await startTestEnvironment();
  const admin = await connect({ servers: env.url, name: 'bench-admin' });
  const feed = await EventFeed.connect(env.url);
  const ctx: BenchContext = { url: env.url, admin, feed };
  const samples: Samples = {};
  const key = (kind: LoopKind, c: number) => `${kind.name} c=${c}`;
  const began = Date.now();
  try {
    // Warm-up: JIT, connections and the server's file store; not recorded.
    for (const kind of KINDS) {
      for (const c of CONCURRENCIES) await measureThroughput(ctx, kind, c, 2000 * SCALE);
    }

    for (let round = 1; round <= ROUNDS; round++) {
      // Each loop takes each position in turn, so load that comes and goes hits them alike.
      const order = KINDS.map((_, i) => KINDS[(i + round - 1) % KINDS.length]);
      for (const c of CONCURRENCIES) {
        for (const kind of order) {
          const s = (samples[key(kind, c)] ??= { throughput: [], p50: [], p99: [] });
          s.throughput.push(await measureThroughput(ctx, kind, c, THROUGHPUT_EVENTS[c]));
          const latency: LatencyFigures = await measureLatency(ctx, kind, c, LATENCY_RATE, LATENCY_MS);
          s.p50.push(latency.p50Ms);
          s.p99.push(latency.p99Ms);
          console.log(
            `round ${round} ${key(kind, c).padEnd(19)} ${fmt(s.throughput.at(-1)!).padStart(7)} events/s` +
              `  p50 ${fmt(latency.p50Ms, 2)} ms  p99 ${fmt(latency.p99Ms, 2)} ms`,
          );
        }
      }
    }

    const io: Record<number, number[]> = { 1: [], 32: [] };
    const ioWork = () => sleep(IO_MS);
    for (let round = 1; round <= IO_ROUNDS; round++) {
      for (const c of [1, 32]) {
        io[c].push(await measureThroughput(ctx, frameworkLoop, c, IO_EVENTS[c], ioWork));
        console.log(`io round ${round} framework c=${c} ${fmt(io[c].at(-1)!, 1)} events/s`);
      }
    }

    const summary = summarize(samples, io);
    printSummary(summary);
    const machine = {
      cores: cpus().length,
      cpu: cpus()[0]?.model,
      node: process.version,
      natsServer: admin.info?.version,
    };
    const dir = join(__dirname, '..', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `manager-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    const config = {
      ROUNDS,
      SCALE,
      THROUGHPUT_EVENTS,
      LATENCY_RATE,
      LATENCY_MS,
      IO_MS,
      IO_EVENTS,
      IO_ROUNDS,
    };
    writeFileSync(file, JSON.stringify({ machine, config, samples, io, summary }, null, 2));
    console.log(
      `\n${JSON.stringify(machine)}\nwall time ${fmt((Date.now() - began) / 1000)} s; results in ${file}`,
    );
  } finally {
    await feed.close();
    await admin.close();
    await env.stop();
  }
}

function summarize(samples: Samples, io: Record<number, number[]>) {
  const medians = Object.fromEntries(
    Object.entries(samples).map(([k, s]) => [
      k,
      { eventsPerSec: median(s.throughput), p50Ms: median(s.p50), p99Ms: median(s.p99) },
    ]),
  );
  const rate = (k: string) => medians[k].eventsPerSec;
  // Each round's framework run against the raw run of the same round: less exposed to passing load.
  const paired = (raw: string, c: number) =>
    median(
      samples[`framework c=${c}`].throughput.map((fw, i) => fw / samples[`${raw} c=${c}`].throughput[i]),
    );
  const versus = (raw: string) => ({
    c1: rate('framework c=1') / rate(`${raw} c=1`),
    c64: rate('framework c=64') / rate(`${raw} c=64`),
    perRoundC1: paired(raw, 1),
    perRoundC64: paired(raw, 64),
  });
  return {
    medians,
    frameworkVsRaw: versus('raw'),
    frameworkVsRawNoTraces: versus('raw-notraces'),
    c64VsSequential: Object.fromEntries(
      KINDS.map((k) => [k.name, rate(`${k.name} c=64`) / rate(`${k.name} c=1`)]),
    ),
    io10ms: { c1: median(io[1]), c32: median(io[32]), ratio: median(io[32]) / median(io[1]) },
  };
}

function printSummary(s: ReturnType<typeof summarize>): void {
  console.log('\nmedians                      events/s    p50 ms    p99 ms');
  for (const [name, m] of Object.entries(s.medians)) {
    console.log(
      `${name.padEnd(25)} ${fmt(m.eventsPerSec).padStart(10)} ${fmt(m.p50Ms, 2).padStart(9)} ${fmt(m.p99Ms, 2).padStart(9)}`,
    );
  }
  const pct = (r: number) => `${fmt(r * 100, 1)}%`;
  const versus = (label: string, v: ReturnType<typeof summarize>['frameworkVsRaw']) =>
    console.log(
      `framework / ${label.padEnd(13)} c=1 ${pct(v.c1)}  c=64 ${pct(v.c64)}` +
        `   (per-round median: c=1 ${pct(v.perRoundC1)}  c=64 ${pct(v.perRoundC64)})`,
    );
  versus('raw', s.frameworkVsRaw);
  versus('raw-notraces', s.frameworkVsRawNoTraces);
  console.log('  target: framework >= 90% of raw at equal concurrency');
  const scaling = Object.entries(s.c64VsSequential).map(([k, r]) => `${k} ${fmt(r, 2)}x`);
  console.log(`c=64 / c=1: ${scaling.join('   ')}   (target >= 2.5x)`);
  console.log(
    `10 ms I/O:  c=1 ${fmt(s.io10ms.c1, 1)}/s   c=32 ${fmt(s.io10ms.c32, 1)}/s   ${fmt(s.io10ms.ratio, 1)}x   (target >= 25x)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
