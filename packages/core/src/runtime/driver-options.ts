/** Per-driver runtime options; every field has a default in `constants.ts`. */
export interface DriverOptions {
  /** Reconciles of this driver running at once in this process (default 1, as upstream). */
  concurrency?: number;
  /** Keep messages for the same resource (type and name) strictly sequential (default false). */
  orderByResource?: boolean;
  /** Abort the reconcile's signal and treat it as a transient failure after this long. */
  timeoutMs?: number;
  /** Deliveries before a failing message gets a failure result and is terminated. */
  maxAttempts?: number;
  /** Exponential backoff between attempts: initial delay, factor and cap. */
  retry?: { initialDelayMs?: number; factor?: number; maxDelayMs?: number };
  /** Where a brand-new consumer starts: every retained message (`all`, default) or only new ones. */
  deliverPolicy?: 'all' | 'new';
  /** JetStream ack wait; heartbeats are sent every half of it while a reconcile runs. */
  ackWaitMs?: number;
  /**
   * Event names to reconcile (default all). Messages with other events get a success result without
   * a reconcile, so a pipeline never stalls on them.
   */
  events?: readonly string[];
  /**
   * The consumer's `max_ack_pending`: messages outstanding across ALL instances of the driver
   * (default concurrency x 32: two processes' widest pull windows). Must be at least `concurrency`.
   */
  maxAckPending?: number;
}
