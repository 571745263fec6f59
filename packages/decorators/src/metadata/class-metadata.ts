import type { DriverDecoratorOptions } from './driver-decorator-options';
import type { ParameterBinding } from './parameter-binding';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DriverClass<T = any> = new (...args: any[]) => T;

/** What the decorators recorded on one class (its own members only; parents are read separately). */
export interface ClassMetadata {
  target: DriverClass;
  /** Set by `@Driver()`. */
  driver?: DriverDecoratorOptions;
  /** Every method carrying `@Reconcile()`, in declaration order. */
  reconcileMethods: (string | symbol)[];
  /** Decorated parameters, by method name. */
  parameters: Map<string | symbol, ParameterBinding[]>;
}
