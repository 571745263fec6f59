import { LOG_BACKLOG_PAUSE_SHARE, LOG_BACKLOG_RECHECK_MS } from '../../constants';

/**
 * Holds reconciles back while run logs are backed up: one wait, shared by every reconcile that
 * would start, until the fullest queue is below `LOG_BACKLOG_PAUSE_SHARE` again. Without it a driver
 * that logs faster than its sinks ship overflows their bounded queues and loses lines.
 */
export class CatchUpWait {
  /** A queue reached the share since the queues were last seen below it: only then look closer. */
  private reached = false;
  private pending: Promise<void> | undefined;
  /** Told by a queue whose push took it to the share or beyond. */
  readonly shareReached = (): void => {
    this.reached = true;
  };

  /** `fullest` tells how full the fullest queue that is shipping is, from 0 to 1. */
  constructor(private readonly fullest: () => number) {}

  /** Undefined while the queues keep up (the usual case: one field read); else resolves once they do. */
  wait(): Promise<void> | undefined {
    if (!this.reached) return undefined;
    if (this.pending) return this.pending;
    if (this.fullest() < LOG_BACKLOG_PAUSE_SHARE) {
      this.reached = false;
      return undefined;
    }
    this.pending = new Promise((resolve) => {
      const check = (): void => {
        if (this.fullest() >= LOG_BACKLOG_PAUSE_SHARE) {
          // Unref'd: a wait never keeps a process alive on its own.
          setTimeout(check, LOG_BACKLOG_RECHECK_MS).unref();
          return;
        }
        this.pending = undefined;
        this.reached = false;
        resolve();
      };
      setTimeout(check, LOG_BACKLOG_RECHECK_MS).unref();
    });
    return this.pending;
  }
}
