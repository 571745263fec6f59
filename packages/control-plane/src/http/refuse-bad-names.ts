import { nameLengthProblem, subjectTokenProblem } from '@conveyor-ts/core';
import { HttpError } from './http-error';

type Format = HttpError['format'];

/**
 * A name that becomes a subject token (a type, a driver): anything else could write raw protocol
 * lines on the control plane's NATS connection, so it is refused with 400 naming the field.
 */
export function requireSubjectToken(field: string, value: unknown, format: Format = 'json'): void {
  const problem = subjectTokenProblem(value);
  if (problem) throw new HttpError(400, `Invalid ${field}: ${problem}`, format);
}

/** A name that is only stored (inside a KV key): any text, but short enough for a subject. */
export function requireStorableName(field: string, value: string, format: Format = 'json'): void {
  const problem = nameLengthProblem(value);
  if (problem) throw new HttpError(400, `Invalid ${field}: ${problem}`, format);
}

/** Path and query values all end up as (or are compared with) stored names. */
export function refuseOverlongNames(values: Record<string, string>): void {
  for (const [field, value] of Object.entries(values)) requireStorableName(field, value);
}
