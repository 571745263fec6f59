import type { DriverClass } from '../metadata/class-metadata';
import type { DriverDecoratorOptions } from '../metadata/driver-decorator-options';
import type { ParameterBinding } from '../metadata/parameter-binding';

/** Everything the decorators say about one driver class, read and checked by the explorer. */
export interface DriverDescriptor {
  target: DriverClass;
  options: DriverDecoratorOptions;
  reconcileMethod: string | symbol;
  /** One binding per handler parameter, in order (the seed's order when none was decorated). */
  parameters: readonly ParameterBinding[];
}
