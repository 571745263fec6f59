/** Per-call options every client method accepts. */
export interface CallOptions {
  /** Cancels the call (and, for log streams, ends the iteration). */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call; for log streams it bounds only the wait for headers. */
  timeoutMs?: number;
}
