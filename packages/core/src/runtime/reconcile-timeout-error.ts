/** The reconcile ran past its driver's `timeoutMs`; its signal was aborted and it counts as a failed attempt. */
export class ReconcileTimeoutError extends Error {
  override readonly name = 'ReconcileTimeoutError';

  constructor(readonly timeoutMs: number) {
    super(`reconcile did not finish within ${timeoutMs} ms`);
  }
}
