import { parseProgressLine, type LogEntry } from '@conveyor-ts/core';
import { formatLogEntry } from './format-log-entry';
import { renderProgressBar } from './progress-bar';
import type { Paint } from './terminal';

export interface LogEntryPrinterOptions {
  /** Writes text as is (newlines included). */
  write(text: string): void;
  paint: Paint;
  /** On a terminal a driver's successive progress lines redraw one bar in place. */
  interactive: boolean;
}

/** Prints log entries, progress lines (`logger.progress()`) drawn as bars. */
export function createLogEntryPrinter({ write, paint, interactive }: LogEntryPrinterOptions) {
  /** The driver whose bar is on the current, unfinished line. */
  let barOf: string | undefined;
  return (entry: LogEntry): void => {
    const progress = parseProgressLine(entry.message);
    const line = progress
      ? formatLogEntry({ ...entry, message: renderProgressBar(progress, paint) }, paint)
      : formatLogEntry(entry, paint);
    if (!interactive) return write(`${line}\n`);
    if (progress && barOf === entry.driver) return write(`\r\u001b[2K${line}`);
    if (barOf !== undefined) write('\n');
    barOf = progress ? entry.driver : undefined;
    write(progress ? line : `${line}\n`);
  };
}
