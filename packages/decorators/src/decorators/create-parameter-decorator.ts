import { DecoratorUsageError } from '../errors/decorator-usage-error';
import type { DriverClass } from '../metadata/class-metadata';
import { className, memberName } from '../metadata/describe-target';
import { metadataRegistry } from '../metadata/metadata-registry';
import type { ParameterBinding } from '../metadata/parameter-binding';

/**
 * Builds a reconcile parameter decorator that records what the parameter receives. `onConstructor`
 * handles use on a constructor parameter; without it that use is an error.
 */
export function createParameterDecorator(
  binding: Omit<ParameterBinding, 'index'>,
  onConstructor?: ParameterDecorator,
): ParameterDecorator {
  return (target, key, index) => {
    if (key === undefined) {
      if (onConstructor) return onConstructor(target, key, index);
      throw new DecoratorUsageError(
        `${binding.decorator} is on constructor parameter #${index} of ${className(target)}: it belongs on a ` +
          'parameter of the @Reconcile() method, which gets it per message; the constructor gets services by injection.',
      );
    }
    if (typeof target === 'function') {
      throw new DecoratorUsageError(
        `${binding.decorator} is on a parameter of the static method ${memberName(target, key)}: ` +
          'reconcile parameters belong to the (non-static) @Reconcile() method.',
      );
    }
    const parameters = metadataRegistry.forClass(target.constructor as DriverClass).parameters;
    const list = parameters.get(key) ?? [];
    list.push({ ...binding, index });
    parameters.set(key, list);
  };
}
