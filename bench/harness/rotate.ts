/** Round `round` (1-based) of `items` rotated: each item takes each position in turn, so passing load hits all alike. */
export function rotate<T>(items: readonly T[], round: number): T[] {
  return items.map((_, i) => items[(i + round - 1) % items.length]);
}
