import { isSubjectToken, subjectTokenProblem } from '@conveyor-ts/core';
import { ValidateBy } from 'class-validator';

/** Every element of an array is one NATS subject token; the message names each bad element. */
export function EachSubjectToken(): PropertyDecorator {
  return ValidateBy({
    name: 'eachSubjectToken',
    validator: {
      validate: (value: unknown) => !Array.isArray(value) || value.every(isSubjectToken),
      defaultMessage: (args) =>
        (args?.value as unknown[])
          .map((item, i) => [i, subjectTokenProblem(item)])
          .filter(([, problem]) => problem)
          .map(([i, problem]) => `[${i}] ${problem}`)
          .join('; '),
    },
  });
}
