import { RecordingLogger } from '@conveyor-ts/core/testing';
import type { DriverLogger } from '@conveyor-ts/core';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { buildDrivers } from '../application/build-drivers';
import { registerProviders, type ProviderOverride } from '../application/provider';
import type { DriverClass } from '../metadata/class-metadata';
import { TestingDriver } from './testing-driver';

export interface TestingDriverOptions<L extends DriverLogger = RecordingLogger> {
  /** Registrations that replace the real services, e.g. `{ provide: GitService, useValue: gitMock }`. */
  providers?: readonly ProviderOverride[];
  /** The parent of the test's child container (default tsyringe's root container). */
  container?: DependencyContainer;
  /** The logger every reconcile gets (default a new `RecordingLogger`). */
  logger?: L;
}

/**
 * Builds one `@Driver()` class the way the application does (same validation, same injection) from
 * a fresh child container, so tests never share state.
 */
export function createTestingDriver<T extends object, L extends DriverLogger = RecordingLogger>(
  driverClass: DriverClass<T>,
  options: TestingDriverOptions<L> = {},
): TestingDriver<T> & { logger: L } {
  const container = (options.container ?? rootContainer).createChildContainer();
  registerProviders(container, options.providers);
  const [built] = buildDrivers(container, [driverClass]);
  const logger = options.logger ?? (new RecordingLogger() as DriverLogger as L);
  return new TestingDriver(built.instance as T, built.definition, container, logger) as TestingDriver<T> & {
    logger: L;
  };
}
