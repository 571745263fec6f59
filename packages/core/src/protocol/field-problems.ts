import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { describeType } from './subject-token-rules';

/** One thing wrong with one field, `field` being a dotted path such as `payload.metadata`. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/**
 * Validates a parsed JSON object against a protocol class and lists every problem with its path.
 * Unknown fields are ignored, as Go's `encoding/json` does on the server.
 */
export function findFieldProblems<T extends object>(
  model: ClassConstructor<T>,
  plain: object,
  path = '',
): FieldProblem[] {
  const instance = plainToInstance(model, plain);
  return validateSync(instance, { forbidUnknownValues: false }).flatMap((e) => flatten(e, path));
}

function flatten(error: ValidationError, parent: string): FieldProblem[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = error.constraints
    ? [{ field, problem: describeProblem(error, Object.values(error.constraints)) }]
    : [];
  return own.concat((error.children ?? []).flatMap((child) => flatten(child, field)));
}

function describeProblem(error: ValidationError, messages: string[]): string {
  if (error.value === undefined) return 'is missing';
  const prefix = `${error.property} `;
  const text = messages.map((m) => (m.startsWith(prefix) ? m.slice(prefix.length) : m)).join('; ');
  return `${text} (got ${describeType(error.value)})`;
}

/** `field: problem; field: problem` for error messages. */
export function formatFieldProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.problem}`).join('; ');
}
