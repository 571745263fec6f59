import { DecoratorUsageError } from '../errors/decorator-usage-error';
import type { DriverClass } from '../metadata/class-metadata';
import { memberName } from '../metadata/describe-target';
import { metadataRegistry } from '../metadata/metadata-registry';

/** Marks the one method that reconciles a resource; a `@Driver()` class has exactly one. */
export function Reconcile(): MethodDecorator {
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
