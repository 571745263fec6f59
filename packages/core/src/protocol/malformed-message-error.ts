import type { Resource } from './model/resource';
import { formatFieldProblems, type FieldProblem } from './field-problems';

/** Whatever could be read from a malformed DriverMessage, for logging and a best-effort failure result. */
export interface PartialDriverMessage {
  event?: string;
  id?: string;
  run_id?: string;
  resource?: Partial<Resource>;
}

/**
 * A DriverMessage that cannot be reconciled. `field` names the first bad field (`message` when the
 * bytes as a whole are unusable); `problems` lists them all.
 */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
  readonly field: string;
  readonly problem: string;

  constructor(
    readonly problems: readonly FieldProblem[],
    readonly partial: PartialDriverMessage = {},
  ) {
    super(`Malformed DriverMessage: ${formatFieldProblems(problems)}`);
    this.field = problems[0].field;
    this.problem = problems[0].problem;
  }
}
