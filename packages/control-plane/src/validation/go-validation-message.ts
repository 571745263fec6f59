import type { ErrorObject } from 'ajv';

/**
 * The server's words for a spec that fails its schema (protocol §5): santhosh-tekuri/jsonschema v5's
 * error for the first failing keyword, wrapped as the server wraps it. The schema is compiled as
 * `inline-schema`, which Go resolves against the server's working directory.
 * Needs Ajv's `verbose` errors (the failing value in `data`). Keywords without a known Go wording
 * keep Ajv's message.
 */
export function goValidationMessage(errors: readonly ErrorObject[], cwd = process.cwd()): string {
  const first = errors[0];
  if (!first) return 'validation failed';
  const location = `file://${cwd}/inline-schema${first.schemaPath}`;
  return `validation failed: jsonschema: ${quote(first.instancePath)} does not validate with ${location}: ${goWording(first, errors)}`;
}

function goWording(error: ErrorObject, all: readonly ErrorObject[]): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `expected ${String(p.type).split(',').join(' or ')}, but got ${jsonType(error.data)}`;
    case 'required': {
      // Go names every missing property at once; Ajv (allErrors) reports one error per property.
      const missing = all
        .filter((e) => e.keyword === 'required' && e.instancePath === error.instancePath)
        .map((e) => quote(String((e.params as { missingProperty: string }).missingProperty)));
      return `missing properties: ${missing.join(', ')}`;
    }
    case 'minLength':
      return `length must be >= ${p.limit}, but got ${[...String(error.data)].length}`;
    case 'maxLength':
      return `length must be <= ${p.limit}, but got ${[...String(error.data)].length}`;
    case 'pattern':
      return `does not match pattern ${quote(String(p.pattern))}`;
    case 'format':
      return `${String(error.data)} is not valid ${quote(String(p.format))}`;
    case 'minimum':
      return `must be >= ${p.limit} but found ${error.data}`;
    case 'maximum':
      return `must be <= ${p.limit} but found ${error.data}`;
    case 'exclusiveMinimum':
      return `must be > ${p.limit} but found ${error.data}`;
    case 'exclusiveMaximum':
      return `must be < ${p.limit} but found ${error.data}`;
    case 'minItems':
      return `minimum ${p.limit} items required, but found ${(error.data as unknown[]).length} items`;
    case 'maxItems':
      return `maximum ${p.limit} items required, but found ${(error.data as unknown[]).length} items`;
    case 'additionalProperties':
      return `additionalProperties ${quote(String(p.additionalProperty))} not allowed`;
    case 'enum': {
      const values = (error.schema ?? []) as unknown[];
      if (values.every((v) => typeof v === 'string'))
        return values.length === 1
          ? `value must be ${JSON.stringify(values[0])}`
          : `value must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
      return 'enum failed';
    }
    default:
      return error.message ?? error.keyword;
  }
}

function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'boolean' ? 'boolean' : typeof value;
}

/** Go's `quote` in the library: `%q`, with double quotes left alone and single quotes escaped. */
function quote(text: string): string {
  const q = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${q}'`;
}
