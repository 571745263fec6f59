import type { DriverResultEvent } from '@conveyor-ts/core';

/**
 * JSON the way Go's `encoding/json.Marshal` writes a value decoded into `interface{}`: object keys
 * sorted (Go marshals maps in key order), `<`, `>`, `&`, U+2028 and U+2029 escaped. JavaScript objects
 * put integer-like keys first whatever the insertion order, so the text is built here, not by
 * `JSON.stringify` of a re-sorted object.
 */
export function goMarshal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goMarshal).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${goString(k)}:${goMarshal(record[k])}`).join(',')}}`;
  }
  if (typeof value === 'string') return goString(value);
  return JSON.stringify(value) ?? 'null';
}

/** The engine's stored form of a result (protocol §4.4a): the struct's field order, its `data` as Go writes it. */
export function goMarshalResultEvent(result: DriverResultEvent): string {
  return (
    `{"success":${result.success},"message":${goString(result.message)},` +
    `"data":${goMarshal(result.data ?? null)},"driver":${goString(result.driver)}}`
  );
}

const GO_ESCAPED: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function goString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPED[c]);
}
