import type { ClassConstructor } from 'class-transformer';
import type { PayloadOptions } from '../metadata/parameter-binding';
import { createParameterDecorator } from './create-parameter-decorator';

/**
 * The message's resource. Given a class-validator class, the resource's `spec` (or, with
 * `{ validate: 'resource' }`, the whole resource) is transformed into it and validated; an invalid
 * payload becomes a failure result carrying the validation messages, and is not retried.
 */
export function Payload(
  payloadClass?: ClassConstructor<object>,
  options: PayloadOptions = {},
): ParameterDecorator {
  const decorator = payloadClass ? `@Payload(${payloadClass.name})` : '@Payload()';
  return createParameterDecorator({ kind: 'payload', decorator, payloadClass, payloadOptions: options });
}
