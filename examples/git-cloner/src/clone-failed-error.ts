/** git ran and failed (unreachable repository, unknown ref, timeout): the message carries git's own words. */
export class CloneFailedError extends Error {
  override readonly name = 'CloneFailedError';

  constructor(
    message: string,
    /** The last lines git wrote to stderr. */
    readonly gitOutput: string,
    readonly timedOut = false,
  ) {
    super(gitOutput ? `${message}: ${gitOutput}` : message);
  }
}
