import { DecoratorUsageError } from '../errors/decorator-usage-error';

/**
 * Without the `Reflect.getMetadata` polyfill, TypeScript records no constructor parameter types and
 * injection cannot work. This package loads it itself; this catches a polyfill removed or replaced.
 */
export function assertReflectMetadata(decorator: string): void {
  if (typeof Reflect === 'object' && typeof Reflect.getMetadata === 'function') return;
  throw new DecoratorUsageError(
    `${decorator} needs the reflect-metadata polyfill, which is not loaded: add \`import 'reflect-metadata';\` ` +
      'as the first line of your entry point, before any driver or service file is imported.',
  );
}
