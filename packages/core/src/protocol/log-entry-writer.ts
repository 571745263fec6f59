import { logEntryJsonPrefix } from './encode';
import type { LogEntry } from './model/log-entry';

/** A wire timestamp, `2026-01-20T10:15:30.123456Z`: fixed width, so a run's entries sort as strings. */
export const WIRE_TIMESTAMP_BYTES = 27;
const MILLIS_TEXT_BYTES = 23;

// `toISOString()` costs about 1 us; a burst shares its millisecond, so the last one is kept.
let cachedMillis = -1;
const cachedMillisText = Buffer.alloc(MILLIS_TEXT_BYTES);

/** Writes the UTC timestamp of `micros` (since the epoch) at `at`; returns the offset after it. */
export function writeWireTimestamp(out: Buffer, at: number, micros: number): number {
  const millis = Math.floor(micros / 1000);
  if (millis !== cachedMillis) {
    cachedMillis = millis;
    cachedMillisText.write(new Date(millis).toISOString().slice(0, MILLIS_TEXT_BYTES), 'latin1');
  }
  cachedMillisText.copy(out, at);
  const extra = micros - millis * 1000;
  out[at + 23] = DIGIT_ZERO + Math.floor(extra / 100);
  out[at + 24] = DIGIT_ZERO + (Math.floor(extra / 10) % 10);
  out[at + 25] = DIGIT_ZERO + (extra % 10);
  out[at + 26] = LETTER_Z;
  return at + WIRE_TIMESTAMP_BYTES;
}

const DIGIT_ZERO = 48;
const LETTER_Z = 90;
const QUOTE = 34;
const CLOSING_BRACE = 125;
/** What follows the timestamp's value: the last field's key. */
const MESSAGE_FIELD = Buffer.from('","message":');
/** What `JSON.stringify` escapes in a string; any surrogate takes the slow way (a lone one is escaped). */
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * One run's Log entries (protocol §3.8) written straight into a frame buffer, byte for byte what
 * `JSON.stringify(toWireLogEntry(entry))` writes: the run's fields are encoded once, and a line adds
 * its timestamp and message with no string or buffer of its own. A message that needs escaping is
 * written as `JSON.stringify` quotes it.
 */
export class LogEntryWriter {
  private readonly prefix: Buffer;

  constructor(run: Pick<LogEntry, 'runid' | 'driver' | 'pipeline'>) {
    this.prefix = Buffer.from(logEntryJsonPrefix(run), 'utf8');
  }

  /** The message as a JSON string literal when it needs escaping; undefined when it is written as is. */
  static escapedMessage(message: string): string | undefined {
    return NEEDS_ESCAPE.test(message) ? JSON.stringify(message) : undefined;
  }

  /** Bytes of the entry; `escaped` is what `escapedMessage` returned for `message`. */
  byteLength(message: string, escaped: string | undefined): number {
    const text =
      escaped === undefined ? Buffer.byteLength(message, 'utf8') + 2 : Buffer.byteLength(escaped, 'utf8');
    return this.prefix.length + WIRE_TIMESTAMP_BYTES + MESSAGE_FIELD.length + text + 1;
  }

  /** Writes the entry at `at` (room for `byteLength` bytes); returns the offset after it. */
  write(out: Buffer, at: number, micros: number, message: string, escaped: string | undefined): number {
    let i = at + this.prefix.copy(out, at);
    i = writeWireTimestamp(out, i, micros);
    i += MESSAGE_FIELD.copy(out, i);
    if (escaped === undefined) {
      out[i++] = QUOTE;
      i += out.write(message, i, 'utf8');
      out[i++] = QUOTE;
    } else i += out.write(escaped, i, 'utf8');
    out[i++] = CLOSING_BRACE;
    return i;
  }
}
