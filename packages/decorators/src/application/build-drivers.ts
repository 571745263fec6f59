import type { DriverDefinition } from '@conveyor-ts/core';
import type { DependencyContainer } from 'tsyringe';
import { DriverValidationError, type DriverProblem } from '../errors/driver-validation-error';
import type { DriverDescriptor } from '../explorer/driver-descriptor';
import { explainResolutionError } from '../explorer/explain-resolution-error';
import { exploreDrivers } from '../explorer/explore-drivers';
import { createDriverDefinition } from '../handler/create-driver-definition';
import type { DriverClass } from '../metadata/class-metadata';
import { CONVEYOR_CLIENT } from '../tokens';

/** A driver class, its instance from the container, and the definition the manager runs. */
export interface BuiltDriver {
  descriptor: DriverDescriptor;
  instance: object;
  definition: DriverDefinition;
}

/**
 * Explores, validates and resolves the drivers through `container`. Every problem, in metadata or
 * in construction, is collected and thrown as one `DriverValidationError`.
 */
export function buildDrivers(
  container: DependencyContainer,
  classes?: readonly DriverClass[],
): BuiltDriver[] {
  const { descriptors, problems } = exploreDrivers(classes);
  const built: BuiltDriver[] = [];
  for (const descriptor of descriptors) {
    const driver = descriptor.target.name;
    const instance = attempt(driver, problems, () => container.resolve<object>(descriptor.target));
    const client = descriptor.parameters.some((p) => p.kind === 'client')
      ? attempt(driver, problems, () => container.resolve(CONVEYOR_CLIENT))
      : undefined;
    if (instance)
      built.push({ descriptor, instance, definition: createDriverDefinition(descriptor, instance, client) });
  }
  if (problems.length > 0) throw new DriverValidationError(problems);
  return built;
}

function attempt<T>(driver: string, problems: DriverProblem[], resolve: () => T): T | undefined {
  try {
    return resolve();
  } catch (error) {
    problems.push({ driver, problem: explainResolutionError(error) });
    return undefined;
  }
}
