import { injectable } from 'tsyringe';
import { DecoratorUsageError } from '../errors/decorator-usage-error';
import { assertReflectMetadata } from '../metadata/assert-reflect-metadata';
import type { DriverClass } from '../metadata/class-metadata';
import { className } from '../metadata/describe-target';
import type { DriverDecoratorOptions } from '../metadata/driver-decorator-options';
import { metadataRegistry } from '../metadata/metadata-registry';

/**
 * Marks a class as a Conveyor driver: registers it for discovery and makes it injectable, so its
 * constructor receives services from the application's container. The options are validated when
 * the application is created, together with every other driver's.
 */
export function Driver(options: DriverDecoratorOptions): ClassDecorator {
  return (target) => {
    if (typeof target !== 'function') {
      throw new DecoratorUsageError(
        '@Driver() decorates a class, not a member: put it above `export class ...`.',
      );
    }
    assertReflectMetadata('@Driver()');
    const driverClass = target as unknown as DriverClass;
    const metadata = metadataRegistry.forClass(driverClass);
    if (metadata.driver) {
      throw new DecoratorUsageError(`@Driver() is applied twice to ${className(target)}: keep one.`);
    }
    metadata.driver = typeof options === 'object' && options !== null ? { ...options } : options;
    injectable()(driverClass);
    metadataRegistry.addDriver(driverClass);
  };
}
