import type { LogEntry } from '../protocol/model/log-entry';

/**
 * What a server that keeps no run records (the Conveyor server: protocol §4.5) still tells about a
 * run: the log entries its drivers sent.
 */
export interface LogDerivedRun {
  runid: string;
  /** The pipeline the entries name, when they name one. */
  pipeline?: string;
  /** Drivers that logged for the run, in the order they first logged. */
  drivers: string[];
  firstLogAt: string;
  lastLogAt: string;
  entries: number;
}

/** Groups log entries into runs, the most recently active first. Entries without a run id are skipped. */
export function runsFromLogs(entries: readonly LogEntry[]): LogDerivedRun[] {
  const runs = new Map<string, LogDerivedRun>();
  const ordered = [...entries].sort((a, b) => compare(a.timestamp, b.timestamp));
  for (const entry of ordered) {
    if (!entry.runid) continue;
    let run = runs.get(entry.runid);
    if (!run) {
      run = {
        runid: entry.runid,
        drivers: [],
        firstLogAt: entry.timestamp,
        lastLogAt: entry.timestamp,
        entries: 0,
      };
      runs.set(entry.runid, run);
    }
    if (!run.pipeline && entry.pipeline) run.pipeline = entry.pipeline;
    if (entry.driver && !run.drivers.includes(entry.driver)) run.drivers.push(entry.driver);
    run.lastLogAt = entry.timestamp;
    run.entries++;
  }
  return [...runs.values()].sort((a, b) => compare(b.lastLogAt, a.lastLogAt));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
