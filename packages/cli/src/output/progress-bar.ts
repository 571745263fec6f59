import type { Progress } from '@conveyor-ts/core';
import type { Paint } from './terminal';

/** Cells of a bar: fine enough to see movement, short enough to leave room for the note. */
const BAR_CELLS = 24;

/** `[█████████░░░░░░░░░░░░░░░]  37.5% cloning`: a progress bar for one terminal line. */
export function renderProgressBar({ fraction, note }: Progress, paint: Paint, cells = BAR_CELLS): string {
  const clamped = Math.min(1, Math.max(0, fraction));
  const done = Math.round(clamped * cells);
  const bar = `${paint('green', '█'.repeat(done))}${paint('dim', '░'.repeat(cells - done))}`;
  const percent = `${(Math.round(clamped * 1000) / 10).toFixed(1)}%`.padStart(6);
  return `[${bar}] ${percent}${note ? ` ${note}` : ''}`;
}
