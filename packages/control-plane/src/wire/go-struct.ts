/**
 * Type checks that mirror Go's `encoding/json` decoding into the server's structs: unknown fields are
 * ignored, `null` is the zero value, and a value of the wrong JSON type is an error (HTTP 400, §3).
 */
export type FieldKind = 'string' | 'string-map' | 'any' | 'steps';

export type StructShape = Record<string, FieldKind>;

/** The first type problem of `value` as a `shape`, or undefined when Go would decode it. */
export function goDecodeProblem(value: unknown, shape: StructShape, struct: string): string | undefined {
  if (value === null) return undefined;
  if (!isObject(value))
    return `json: cannot unmarshal ${jsonType(value)} into Go value of type types.${struct}`;
  for (const [field, kind] of Object.entries(shape)) {
    const problem = fieldProblem(value[field], kind);
    if (problem)
      return `json: cannot unmarshal ${problem} into Go struct field ${struct}.${field} of type ${goType(kind)}`;
  }
  return undefined;
}

function fieldProblem(value: unknown, kind: FieldKind): string | undefined {
  if (value === undefined || value === null || kind === 'any') return undefined;
  if (kind === 'string') return typeof value === 'string' ? undefined : jsonType(value);
  if (kind === 'string-map') {
    if (!isObject(value)) return jsonType(value);
    const bad = Object.values(value).find((v) => v !== null && typeof v !== 'string');
    return bad === undefined ? undefined : jsonType(bad);
  }
  if (!Array.isArray(value)) return jsonType(value);
  for (const step of value) {
    if (step === null) continue;
    const problem = goDecodeProblem(step, { id: 'string', name: 'string', driver: 'string' }, 'Step');
    if (problem)
      return jsonType(step) === 'object'
        ? problem.replace(/^json: cannot unmarshal /, '').split(' into')[0]
        : jsonType(step);
  }
  return undefined;
}

function goType(kind: FieldKind): string {
  return { string: 'string', 'string-map': 'map[string]string', any: 'interface {}', steps: '[]types.Step' }[
    kind
  ];
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
