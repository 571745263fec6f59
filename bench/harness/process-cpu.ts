import { readFileSync } from 'node:fs';

/** Linux reports process CPU in clock ticks; 100 per second on every common kernel configuration. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, ms) another process has used so far, read from /proc; NaN where /proc is
 * missing (the figure is then shown as unknown, not guessed).
 */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the line.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
