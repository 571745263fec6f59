import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * `DriverMessage.payload`: every server sends JSON text; the SDD's schema (and the Rust SDK) use an
 * object, which is tolerated (protocol §3.4).
 */
export function IsJsonPayload(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isJsonPayload',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value)),
        defaultMessage: (args) => `${args?.property} must be JSON text (a string) or an object`,
      },
    },
    options,
  );
}
