import { PULL_MAX_WAITING_PER_SLOT, PULL_WAITING_WORK_MS } from '../constants';

/** Weight of the newest reconcile in the running average: about the last ten count. */
const SMOOTHING = 0.1;

/**
 * How many messages a driver process asks for: one per slot to run, and per slot enough waiting
 * that the next reconcile does not wait for a pull's round trip, counted in time rather than
 * messages: about `PULL_WAITING_WORK_MS` of work. A reconcile of microseconds gets up to
 * `PULL_MAX_WAITING_PER_SLOT` waiting, one of seconds gets one, so a process never holds more than a
 * few milliseconds of work that another process could have started.
 */
export class PullWindow {
  private averageMs: number | undefined;

  constructor(private readonly concurrency: number) {}

  /** A message left its slot after this long (a reconcile, or 0 for one settled without). */
  observe(slotMs: number): void {
    const ms = Math.max(0, slotMs);
    this.averageMs = this.averageMs === undefined ? ms : this.averageMs + SMOOTHING * (ms - this.averageMs);
  }

  /** Messages held (waiting or running) plus asked for, at most. */
  get size(): number {
    return this.concurrency * (1 + this.waitingPerSlot());
  }

  private waitingPerSlot(): number {
    if (this.averageMs === undefined) return 1; // nothing measured yet
    if (this.averageMs <= 0) return PULL_MAX_WAITING_PER_SLOT;
    return Math.min(PULL_MAX_WAITING_PER_SLOT, Math.max(1, Math.ceil(PULL_WAITING_WORK_MS / this.averageMs)));
  }
}
