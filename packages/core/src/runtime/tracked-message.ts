import type { DeliveredMessage } from '../nats/delivered-message';
import { AbortSwitch } from './abort-switch';
import type { HeartbeatTarget } from './in-progress-heartbeat';

export type MessagePhase = 'waiting' | 'reconciling' | 'settling' | 'settled';

/**
 * One received message from arrival to settlement: its abort switch, when it was last heartbeated,
 * and the guarantee that it is settled exactly once (shutdown may settle it while its reconcile
 * still runs).
 */
export class TrackedMessage implements HeartbeatTarget {
  phase: MessagePhase = 'waiting';
  /** Aborts the reconcile (timeout, shutdown); its AbortSignal is made only if the reconcile reads it. */
  readonly abort = new AbortSwitch();
  readonly receivedAt: number;
  lastBeatAt: number;
  /** When its reconcile started (`performance.now()`); undefined while it waits, or if it never ran. */
  reconcileStartedAt: number | undefined;
  private decodedId: string | undefined;
  private settlement?: Promise<void>;

  constructor(
    readonly message: DeliveredMessage,
    private readonly onSettled: (tracked: TrackedMessage) => void,
    /** It stopped waiting or reconciling: its slot (and its place in the pull window) is free. */
    private readonly onSettling?: (tracked: TrackedMessage) => void,
  ) {
    this.receivedAt = message.receivedAt;
    this.lastBeatAt = message.receivedAt;
  }

  /** The DriverMessage id once decoded (the stream sequence until then), for events and logs. */
  get messageId(): string {
    return this.decodedId ?? `seq-${this.message.streamSequence}`;
  }

  set messageId(id: string) {
    this.decodedId = id;
  }

  get settling(): Promise<void> | undefined {
    return this.settlement;
  }

  /** Runs `settle` if nothing settled this message yet; later calls get the first settlement. */
  settleOnce(settle: () => Promise<unknown>): Promise<void> {
    if (!this.settlement) {
      this.phase = 'settling';
      this.onSettling?.(this);
      // Resolves with what `settle` resolved with; callers only await it.
      this.settlement = settle().finally(() => {
        this.phase = 'settled';
        this.onSettled(this);
      }) as Promise<void>;
    }
    return this.settlement;
  }
}
