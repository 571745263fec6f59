import type { DeliveredMessage } from '../nats/delivered-message';

/** A held message as the heartbeat sees it. */
export interface HeartbeatTarget {
  readonly message: DeliveredMessage;
  /** `performance.now()` of its arrival or its last heartbeat. */
  lastBeatAt: number;
}

/**
 * Sends `working()` for every message a driver holds, from its arrival until it is settled, so
 * neither a long reconcile nor a wait at the gate lets the server redeliver it elsewhere. One timer
 * per driver rather than one per message (a timer each was measurable garbage at high rates): it
 * ticks every quarter ack wait and beats each message half an ack wait after its last beat, so no
 * message goes more than three quarters of the ack wait without one.
 */
export class InProgressHeartbeats {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ackWaitMs: number,
    private readonly held: () => Iterable<HeartbeatTarget>,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.beat(performance.now()), this.ackWaitMs / 4);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Beats every message due at `now`. */
  beat(now: number): void {
    for (const target of this.held()) {
      if (now - target.lastBeatAt < this.ackWaitMs / 2) continue;
      target.lastBeatAt = now;
      try {
        target.message.working();
      } catch {
        // Disconnected: the server will redeliver after the ack wait, which is the right outcome.
      }
    }
  }
}
