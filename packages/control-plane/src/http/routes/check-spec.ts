import type { Resource } from '@conveyor-ts/core';
import type { Services } from '../../services';
import { HttpError } from '../http-error';

/** Validates `spec` against the definition of `type`, failing with the server's statuses and messages. */
export async function checkSpec(
  services: Services,
  resource: Resource,
  type = resource.resource,
): Promise<void> {
  const definition = await services.definitions.get(type);
  if (!definition) {
    throw new HttpError(
      500,
      `Failed to find resource definition: resource definition with name ${type} not found`,
    );
  }
  if (definition.schema === null || definition.schema === undefined) {
    throw new HttpError(400, 'Resource definition schema is required');
  }
  let problem: string | undefined;
  try {
    problem = services.validator.validate(definition.schema, resource.spec);
  } catch (error) {
    problem = `the schema of ${type} does not compile: ${(error as Error).message}`;
  }
  if (problem) throw new HttpError(400, `Resource validation failed: ${problem}`);
}
