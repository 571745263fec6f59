import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { goValidationMessage } from './go-validation-message';

type Draft = '2020-12' | '2019-09' | 'draft-07';

/**
 * Validates a resource's `spec` against its definition's JSON schema, as the server does with
 * santhosh-tekuri/jsonschema: draft 2020-12 unless the schema's `$schema` names another draft.
 * Compiled schemas are cached by their text.
 */
export class SpecValidator {
  private readonly engines = new Map<Draft, Ajv>();
  private readonly compiled = new Map<string, ValidateFunction>();

  /** Undefined when `spec` is valid, else the problem in words. Throws when the schema itself is broken. */
  validate(schema: unknown, spec: unknown): string | undefined {
    const validate = this.compile(schema);
    if (validate(spec === undefined ? null : spec)) return undefined;
    return goValidationMessage(validate.errors ?? []);
  }

  private compile(schema: unknown): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.engine(draftOf(schema)).compile(schema as object | boolean);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private engine(draft: Draft): Ajv {
    let engine = this.engines.get(draft);
    if (!engine) {
      // verbose: the failing value, which the server's messages quote.
      const options = { allErrors: true, strict: false, validateSchema: true, verbose: true };
      engine =
        draft === '2020-12'
          ? new Ajv2020(options)
          : draft === '2019-09'
            ? new Ajv2019(options)
            : new Ajv(options);
      addFormats(engine);
      this.engines.set(draft, engine);
    }
    return engine;
  }
}

function draftOf(schema: unknown): Draft {
  const declared =
    typeof schema === 'object' && schema !== null ? (schema as { $schema?: unknown }).$schema : undefined;
  if (typeof declared !== 'string') return '2020-12';
  if (declared.includes('2019-09')) return '2019-09';
  if (/draft-0[67]/.test(declared)) return 'draft-07';
  return '2020-12';
}
