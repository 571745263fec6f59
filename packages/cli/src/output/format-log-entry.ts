import type { LogEntry } from '@conveyor-ts/core';
import { driverColour, type Paint } from './terminal';

/** One log line: `timestamp driver | message`, the driver coloured on a terminal. */
export function formatLogEntry(entry: LogEntry, paint: Paint): string {
  return `${paint('dim', entry.timestamp)} ${paint(driverColour(entry.driver), entry.driver)} | ${entry.message}`;
}
