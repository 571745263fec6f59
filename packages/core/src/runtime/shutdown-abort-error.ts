/** The abort reason when shutdown's grace period runs out: the work is nak'ed for another instance. */
export class ShutdownAbortError extends Error {
  override readonly name = 'ShutdownAbortError';

  constructor() {
    super('the driver manager is shutting down');
  }
}
