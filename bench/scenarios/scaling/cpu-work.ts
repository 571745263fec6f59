import { createHash } from 'node:crypto';

const BLOCK = Buffer.alloc(4096, 7);

/**
 * Synchronous CPU work: one SHA-256 digest over `iterations` 4 KiB blocks, as a driver digesting a
 * file or an image layer would. One hash object per call keeps the work itself free of garbage, so
 * garbage-collector threads of the workload do not compete for the cores being measured.
 */
export function hashWork(iterations: number): void {
  const hash = createHash('sha256');
  for (let i = 0; i < iterations; i++) hash.update(BLOCK);
  hash.digest();
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
