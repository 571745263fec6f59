/** Number formatting shared by the console lines and the rendered tables. */

export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : 'n/a';

export const pct = (ratio: number, digits = 1): string => `${fmt(ratio * 100, digits)}%`;

export const times = (ratio: number, digits = 2): string => `${fmt(ratio, digits)}x`;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
