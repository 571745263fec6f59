import type { ConveyorClientOptions, DriverManagerOptions } from '@conveyor-ts/core';
import type { DependencyContainer } from 'tsyringe';
import type { DriverClass } from '../metadata/class-metadata';
import type { ProviderOverride } from './provider';

export interface ConveyorApplicationOptions extends DriverManagerOptions {
  /** The parent of the application's own child container (default tsyringe's root container). */
  container?: DependencyContainer;
  /** The drivers to run (default: every `@Driver()` class imported before `create()`). */
  drivers?: readonly DriverClass[];
  /** Registrations in the application's container; they win over the parent's and the defaults. */
  providers?: readonly ProviderOverride[];
  /** Settings of the `ConveyorClient` registered for `CONVEYOR_CLIENT` (its URL comes from `config`). */
  client?: Omit<ConveyorClientOptions, 'apiUrl' | 'env'>;
}
