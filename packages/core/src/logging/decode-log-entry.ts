import { findFieldProblems, formatFieldProblems } from '../protocol/field-problems';
import { LogEntry } from '../protocol/model/log-entry';
import { describeType } from '../protocol/subject-token-rules';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a Log JSON entry (protocol §3.8); throws a `TypeError` naming the bad field. */
export function decodeLogEntry(data: Uint8Array): LogEntry {
  let raw: unknown;
  try {
    raw = JSON.parse(utf8.decode(data));
  } catch (error) {
    throw new TypeError(`Malformed log entry: not UTF-8 JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TypeError(`Malformed log entry: must be a JSON object, got ${describeType(raw)}`);
  }
  const problems = findFieldProblems(LogEntry, raw);
  if (problems.length > 0) throw new TypeError(`Malformed log entry: ${formatFieldProblems(problems)}`);
  return raw as LogEntry;
}
