import { ValidateBy, type ValidationOptions } from 'class-validator';
import { subjectTokenProblem } from '../subject-token-rules';

/** A name that can travel inside a NATS subject as one token (see `names.ts`). */
export function IsSubjectToken(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSubjectToken',
      validator: {
        validate: (value: unknown) => subjectTokenProblem(value) === undefined,
        defaultMessage: (args) => `${args?.property} ${subjectTokenProblem(args?.value)}`,
      },
    },
    options,
  );
}
