import { MAX_NAME_BYTES } from '../constants';

/**
 * Driver, resource and run names travel inside subjects, so each must be one NATS subject token.
 * `|` is refused too: the server's log store splits its keys on it (protocol §3.8).
 */
const FORBIDDEN = /[.*>|\s]/;

/** Describes what is wrong with a name used as a subject token, or undefined when it is fine. */
export function subjectTokenProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a string, got ${describeType(value)}`;
  if (value.length === 0) return 'must not be empty';
  const tooLong = nameLengthProblem(value);
  if (tooLong) return tooLong;
  const bad = FORBIDDEN.exec(value);
  if (bad) {
    const shown = /\s/.test(bad[0]) ? 'whitespace' : `'${bad[0]}'`;
    return `must be a single NATS subject token, but "${value}" contains ${shown} (not allowed: '.', '*', '>', '|', whitespace)`;
  }
  return undefined;
}

/** Any stored name (it ends up in a KV key or a subject): at most `MAX_NAME_BYTES` of UTF-8. */
export function nameLengthProblem(value: string): string | undefined {
  // A UTF-16 unit is at most 3 bytes of UTF-8: a short name cannot be too long (no count needed).
  if (value.length * 3 <= MAX_NAME_BYTES) return undefined;
  const bytes = Buffer.byteLength(value, 'utf8');
  return bytes > MAX_NAME_BYTES ? `must be at most ${MAX_NAME_BYTES} bytes, got ${bytes}` : undefined;
}

export function isSubjectToken(value: unknown): value is string {
  return subjectTokenProblem(value) === undefined;
}

/** Throws a `TypeError` naming the kind of name (for example "driver name") and the problem. */
export function assertSubjectToken(kind: string, value: unknown): asserts value is string {
  const problem = subjectTokenProblem(value);
  if (problem) throw new TypeError(`Invalid ${kind}: ${problem}`);
}

/** A short description of a JSON value's type, for error messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value}`;
}
