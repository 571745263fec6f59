import { ValidateBy, type ValidationOptions } from 'class-validator';

/** An object whose every value is a string: the shape of `metadata` (Go `map[string]string`). */
export function IsStringRecord(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringRecord',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.values(value).every((v) => typeof v === 'string'),
        defaultMessage: (args) => `${args?.property} must be an object of string values`,
      },
    },
    options,
  );
}
