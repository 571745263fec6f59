/**
 * Prints one summary line per scenario (`[chaos] <scenario>: key=value ...`) straight to stdout, so
 * the figures a run checked show up in CI logs without Jest's console decoration.
 */
export function reportFigures(scenario: string, figures: Record<string, string | number>): void {
  const text = Object.entries(figures)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  process.stdout.write(`[chaos] ${scenario}: ${text}\n`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
