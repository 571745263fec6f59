import { createHash } from 'node:crypto';

const BLOCK = Buffer.alloc(4096, 7);

/** Synchronous CPU work: `iterations` SHA-256 digests of a 4 KiB block. */
export function hashWork(iterations: number): void {
  for (let i = 0; i < iterations; i++) createHash('sha256').update(BLOCK).digest();
}

/** Iterations of hashWork that take about `ms` here (median of several timings, after a warm-up). */
export function calibrateHashWork(ms: number): number {
  const probe = 200;
  hashWork(probe * 5);
  const perIteration: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    hashWork(probe);
    perIteration.push((performance.now() - start) / probe);
  }
  perIteration.sort((a, b) => a - b);
  return Math.max(1, Math.round(ms / perIteration[Math.floor(perIteration.length / 2)]));
}
