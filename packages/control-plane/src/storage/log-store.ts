import type { LogEntry } from '@conveyor-ts/core';

/** Filters of `GET /logs` and of the SSE replay; each an exact match when set. */
export interface LogFilter {
  pipeline?: string;
  driver?: string;
  runid?: string;
}

/** Durable storage of the log entries drivers publish on `logs.<runid>`. */
export interface LogStore {
  append(entry: LogEntry): Promise<void>;
  /**
   * Matching entries in the server's order (protocol §3.8): by pipeline, driver, run and timestamp
   * string; entries with equal keys stay in arrival order (the server's order for those is random).
   */
  query(filter: LogFilter): Promise<LogEntry[]>;
}

/** The server's storage key order, so `GET /logs` reads like the Go server's BadgerDB scan. */
export function compareLogEntries(a: LogEntry, b: LogEntry): number {
  return (
    compareStrings(a.pipeline, b.pipeline) ||
    compareStrings(a.driver, b.driver) ||
    compareStrings(a.runid, b.runid) ||
    compareStrings(a.timestamp, b.timestamp)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
