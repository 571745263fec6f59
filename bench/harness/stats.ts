/** Small statistics over benchmark samples. */

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** The median of per-round ratios a[i] / b[i]: each pair shared the machine's load of its round. */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((value, i) => value / b[i]));
}

/** The median of `a[i] - b[i]`: rounds paired, as `pairedRatio` for differences. */
export function pairedDifference(a: readonly number[], b: readonly number[]): number {
  return median(a.map((value, i) => value - b[i]));
}
