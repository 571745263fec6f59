import type { JsMsg, NatsConnection } from 'nats';
import { ACK_REPLAY_MAX_COUNT, ACK_REPLAY_WINDOW_MS } from '../constants';

const ACK = new TextEncoder().encode('+ACK');

/**
 * The acks sent lately, to send again after a consumer leader move. An ack is fire-and-forget; one
 * that reached a leader about to step down or die is lost, and the server then counts the message
 * as outstanding until its ack wait runs out: with `max_ack_pending` full of such ghosts the driver
 * receives nothing for a whole ack wait. Acking twice is harmless, so recent acks are replayed.
 */
export class RecentAcks {
  /**
   * A ring of the last ACK_REPLAY_MAX_COUNT ack subjects and when each was sent, oldest at `start`:
   * no object per ack and no array to copy (this runs for every message).
   */
  private readonly replies: Array<string | undefined> = new Array(ACK_REPLAY_MAX_COUNT);
  private readonly sentAt = new Float64Array(ACK_REPLAY_MAX_COUNT);
  private start = 0;
  private count = 0;

  constructor(private readonly connection: NatsConnection) {}

  /** The message was acked just now. */
  remember(msg: JsMsg): void {
    const now = Date.now();
    this.prune(now);
    // nats.js's JsMsg keeps the ack subject as `reply` without declaring it in the interface.
    const { reply } = msg as JsMsg & { reply?: string };
    if (!reply) return;
    if (this.count === ACK_REPLAY_MAX_COUNT) this.drop(); // full: the oldest goes
    const slot = (this.start + this.count) % ACK_REPLAY_MAX_COUNT;
    this.replies[slot] = reply;
    this.sentAt[slot] = now;
    this.count++;
  }

  /** Sends every recent ack again (to whichever node leads the consumer now); returns how many. */
  replay(): number {
    this.prune(Date.now());
    for (let i = 0; i < this.count; i++) {
      try {
        this.connection.publish(this.replies[(this.start + i) % ACK_REPLAY_MAX_COUNT]!, ACK);
      } catch {
        return 0; // closed: nothing to replay to
      }
    }
    return this.count;
  }

  private prune(now: number): void {
    while (this.count > 0 && now - this.sentAt[this.start] > ACK_REPLAY_WINDOW_MS) this.drop();
  }

  private drop(): void {
    this.replies[this.start] = undefined; // the subject string can go
    this.start = (this.start + 1) % ACK_REPLAY_MAX_COUNT;
    this.count--;
  }
}
