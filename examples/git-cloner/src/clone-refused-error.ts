/** The clone request itself is unacceptable (unsafe URL, bad ref, unsafe name): retrying cannot help. */
export class CloneRefusedError extends Error {
  override readonly name = 'CloneRefusedError';

  constructor(
    /** The spec field (or `resource.name`, `runId`) that was refused. */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`refused ${field}: ${reason}`);
  }
}
