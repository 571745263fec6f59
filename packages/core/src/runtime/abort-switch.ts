/**
 * The abort state of one message's reconcile. The reconcile's `AbortSignal` is created only when it
 * asks for `signal` (an AbortController and its listener cost about 3 µs per message, most drivers
 * never read it); an abort before that is carried over to the signal when it is created.
 */
export class AbortSwitch {
  private controller: AbortController | undefined;
  private listener: ((reason: Error) => void) | undefined;
  private abortReason: Error | undefined;

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.abortReason) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  /** Why it was aborted (the first reason wins), or undefined. */
  get reason(): Error | undefined {
    return this.abortReason;
  }

  abort(reason: Error): void {
    if (this.abortReason) return;
    this.abortReason = reason;
    this.controller?.abort(reason);
    this.listener?.(reason);
  }

  /** Calls `listener` on abort (at once if already aborted); one listener, for the reconcile race. */
  onAbort(listener: (reason: Error) => void): () => void {
    this.listener = listener;
    if (this.abortReason) listener(this.abortReason);
    return () => (this.listener = undefined);
  }
}
