/** A decorator was put where it cannot work; thrown when the class is defined, naming the fix. */
export class DecoratorUsageError extends Error {
  override readonly name = 'DecoratorUsageError';
}
