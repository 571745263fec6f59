import type { LogEntry } from '@conveyor-ts/core';
import { driverColour, type Paint } from './terminal';

/**
 * Characters a terminal acts on rather than shows: C0 controls except tab and newline (ESC starts
 * colour, cursor and title sequences; CR overwrites the line), DEL, C1 controls (0x9B is a one-byte
 * CSI), and Unicode line separators and bidirectional overrides, which reorder what is shown.
 */
// eslint-disable-next-line no-control-regex
const TERMINAL_ACTIVE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** One log line: `timestamp driver | message`, the driver coloured on a terminal. */
export function formatLogEntry(entry: LogEntry, paint: Paint): string {
  const [timestamp, driver, message] = [entry.timestamp, entry.driver, entry.message].map(showControls);
  return `${paint('dim', timestamp)} ${paint(driverColour(driver), driver)} | ${message}`;
}

/** Wire text with every terminal-active character shown escaped (`\x1b`, `\u202e`), never obeyed. */
function showControls(text: string): string {
  return String(text).replace(TERMINAL_ACTIVE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}
