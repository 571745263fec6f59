import Ajv, { type Options, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { SCHEMA_CACHE_ENTRIES } from '../constants';
import { linearRegExp } from './linear-regexp';
import { goValidationMessage } from './go-validation-message';

type Draft = '2020-12' | '2019-09' | 'draft-07';

const OPTIONS: Options = {
  allErrors: true,
  strict: false,
  validateSchema: true,
  // The failing value, which the server's messages quote.
  verbose: true,
  code: { regExp: linearRegExp },
};

/**
 * Validates a resource's `spec` against its definition's JSON schema, as the server does with
 * santhosh-tekuri/jsonschema: draft 2020-12 unless the schema's `$schema` names another draft.
 * Each schema compiles in its own Ajv instance, so schemas never see each other (two definitions
 * may use one `$id`, a replaced schema takes effect at once) and a dropped one is garbage; the most
 * recently used `SCHEMA_CACHE_ENTRIES` are kept, by their text. Checking schemas against their
 * meta-schema, the costly part, is done by one shared instance per draft, which stores nothing.
 */
export class SpecValidator {
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly checkers = new Map<Draft, Ajv>();

  constructor(private readonly capacity = SCHEMA_CACHE_ENTRIES) {}

  /** Undefined when `spec` is valid, else the problem in words. Throws when the schema itself is broken. */
  validate(schema: unknown, spec: unknown): string | undefined {
    const validate = this.compile(schema);
    if (validate(spec === undefined ? null : spec)) return undefined;
    return goValidationMessage(validate.errors ?? []);
  }

  /** How many compiled schemas are held (at most the capacity). */
  get size(): number {
    return this.compiled.size;
  }

  private compile(schema: unknown): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (validate) {
      this.compiled.delete(key); // re-inserted below as the most recently used
    } else {
      const draft = draftOf(schema);
      const checker = this.checker(draft);
      if (!checker.validateSchema(schema as object | boolean)) {
        throw new Error(`schema is invalid: ${checker.errorsText(checker.errors)}`);
      }
      validate = newEngine(draft, { validateSchema: false }).compile(schema as object | boolean);
      if (this.compiled.size >= this.capacity)
        this.compiled.delete(this.compiled.keys().next().value as string);
    }
    this.compiled.set(key, validate);
    return validate;
  }

  private checker(draft: Draft): Ajv {
    let checker = this.checkers.get(draft);
    if (!checker) this.checkers.set(draft, (checker = newEngine(draft, {})));
    return checker;
  }
}

function newEngine(draft: Draft, extra: Options): Ajv {
  const options = { ...OPTIONS, ...extra };
  const engine =
    draft === '2020-12'
      ? new Ajv2020(options)
      : draft === '2019-09'
        ? new Ajv2019(options)
        : new Ajv(options);
  addFormats(engine);
  return engine;
}

function draftOf(schema: unknown): Draft {
  const declared =
    typeof schema === 'object' && schema !== null ? (schema as { $schema?: unknown }).$schema : undefined;
  if (typeof declared !== 'string') return '2020-12';
  if (declared.includes('2019-09')) return '2019-09';
  if (/draft-0[67]/.test(declared)) return 'draft-07';
  return '2020-12';
}
