import { LOG_BACKLOG_PAUSE_SHARE, LOG_BACKLOG_RECHECK_MS } from '../../constants';

/**
 * Holds reconciles back while run logs are backed up: one wait, shared by every reconcile that
 * would start, until the fullest queue is below `LOG_BACKLOG_PAUSE_SHARE` again. Without it a driver
 * that logs faster than its sinks ship overflows their bounded queues and loses lines.
 */
export class CatchUpWait {
  private pending: Promise<void> | undefined;

  /** `fullest` tells how full the fullest queue that is shipping is, from 0 to 1. */
  constructor(private readonly fullest: () => number) {}

  /** Undefined while the queues keep up (the usual case, no promise); else resolves once they do. */
  wait(): Promise<void> | undefined {
    if (this.pending) return this.pending;
    if (this.fullest() < LOG_BACKLOG_PAUSE_SHARE) return undefined;
    this.pending = new Promise((resolve) => {
      const check = (): void => {
        if (this.fullest() >= LOG_BACKLOG_PAUSE_SHARE) {
          // Unref'd: a wait never keeps a process alive on its own.
          setTimeout(check, LOG_BACKLOG_RECHECK_MS).unref();
          return;
        }
        this.pending = undefined;
        resolve();
      };
      setTimeout(check, LOG_BACKLOG_RECHECK_MS).unref();
    });
    return this.pending;
  }
}
