import type { DriverOptions } from '@conveyor-ts/core';

/** What `@Driver()` takes: the driver's identity plus its per-driver runtime options. */
export interface DriverDecoratorOptions extends DriverOptions {
  /** One NATS subject token; pipeline steps name the driver by it. */
  name: string;
  /** Resource types (definition names) the driver reconciles; non-empty, unique. */
  resources: readonly string[];
}
