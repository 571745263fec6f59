import {
  describeThrown,
  describeType,
  findFieldProblems,
  formatFieldProblems,
  type DriverResult,
  type Resource,
} from '@conveyor-ts/core';
import { plainToInstance } from 'class-transformer';
import type { ParameterBinding } from '../metadata/parameter-binding';

/** The handler's payload argument, or the failure result that replaces the reconcile. */
export type BoundPayload = { value: unknown } | { failure: DriverResult };

/**
 * Transforms and validates the resource (or its `spec`) with the class given to `@Payload(Class)`.
 * An invalid payload cannot become valid on redelivery, so it is a final failure, not a retry.
 */
export function bindPayload(resource: Resource, binding: ParameterBinding, driver: string): BoundPayload {
  const model = binding.payloadClass;
  if (!model) return { value: resource };

  const wholeResource = binding.payloadOptions?.validate === 'resource';
  const field = wholeResource ? 'payload' : 'spec';
  const plain: unknown = wholeResource ? resource : resource.spec;
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return invalid(driver, model.name, [{ field, problem: `must be an object, got ${describeType(plain)}` }]);
  }
  try {
    const problems = findFieldProblems(model, plain, wholeResource ? '' : 'spec');
    if (problems.length > 0) return invalid(driver, model.name, problems);
    const instance = plainToInstance(model, plain);
    return { value: wholeResource ? instance : { ...resource, spec: instance } };
  } catch (error) {
    // class-transformer throws on some JSON (a `constructor` key, deep nesting): just as invalid.
    return invalid(driver, model.name, [{ field, problem: `cannot be validated: ${describeThrown(error)}` }]);
  }
}

function invalid(
  driver: string,
  model: string,
  problems: { field: string; problem: string }[],
): BoundPayload {
  return {
    failure: {
      success: false,
      message: `Invalid payload for driver "${driver}" (${model}): ${formatFieldProblems(problems)}`,
      data: { problems },
    },
  };
}
