import type { ReconcileOutcome } from '@conveyor-ts/core';
import { DecoratorUsageError } from '../errors/decorator-usage-error';
import type { DriverClass } from '../metadata/class-metadata';
import { memberName } from '../metadata/describe-target';
import { metadataRegistry } from '../metadata/metadata-registry';

/** What a `@Reconcile()` method may return: a DriverResult or nothing (success), maybe as a promise. */
export type ReconcileMethod = (...args: never[]) => ReconcileOutcome | Promise<ReconcileOutcome>;

/**
 * Marks the one method that reconciles a resource; a `@Driver()` class has exactly one. Typed, so
 * a method returning something that is not a DriverResult (`{ success: 'yes' }`) does not compile.
 */
export function Reconcile(): <M extends ReconcileMethod>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<M>,
) => void {
  return (target, key, descriptor) => {
    const where = memberName(target, key);
    if (typeof target === 'function') {
      throw new DecoratorUsageError(
        `@Reconcile() is on the static method ${where}: it must decorate an instance method (remove \`static\`).`,
      );
    }
    if (typeof descriptor?.value !== 'function') {
      throw new DecoratorUsageError(
        `@Reconcile() is on ${where}, which is not a method: decorate a method such as \`async reconcile(...) {}\` ` +
          '(not a property, arrow-function field or accessor).',
      );
    }
    metadataRegistry.forClass(target.constructor as DriverClass).reconcileMethods.push(key);
  };
}
