/**
 * A registry request that failed for good: refused (4xx), or still failing after every retry.
 * The message names the operation and the registry's own explanation, never credentials.
 */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';

  constructor(
    message: string,
    /** HTTP status, or undefined when the registry could not be reached. */
    readonly status?: number,
  ) {
    super(message);
  }
}
