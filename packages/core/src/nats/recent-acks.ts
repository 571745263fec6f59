import type { JsMsg, NatsConnection } from 'nats';
import { ACK_REPLAY_MAX_COUNT, ACK_REPLAY_WINDOW_MS } from '../constants';

const ACK = new TextEncoder().encode('+ACK');

/**
 * The acks sent lately, to send again after a consumer leader move. An ack is fire-and-forget; one
 * that reached a leader about to step down or die is lost, and the server then counts the message
 * as outstanding until its ack wait runs out: with `max_ack_pending` full of such ghosts the driver
 * receives nothing for a whole ack wait. Acking twice is harmless, so recent acks are replayed.
 */
/** The ring's first size: it doubles as acks come, up to ACK_REPLAY_MAX_COUNT (idle drivers stay small). */
const INITIAL_CAPACITY = 64;

export class RecentAcks {
  /**
   * A ring of the last ack subjects and when each was sent, oldest at `start`: no object per ack and
   * no array to copy (this runs for every message).
   */
  private replies: Array<string | undefined> = new Array(INITIAL_CAPACITY);
  private sentAt = new Float64Array(INITIAL_CAPACITY);
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
    if (this.count === this.replies.length) {
      if (this.count < ACK_REPLAY_MAX_COUNT) this.grow();
      else this.drop(); // full: the oldest goes
    }
    const slot = (this.start + this.count) % this.replies.length;
    this.replies[slot] = reply;
    this.sentAt[slot] = now;
    this.count++;
  }

  /** Sends every recent ack again (to whichever node leads the consumer now); returns how many. */
  replay(): number {
    this.prune(Date.now());
    for (let i = 0; i < this.count; i++) {
      try {
        this.connection.publish(this.replies[(this.start + i) % this.replies.length]!, ACK);
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
    this.start = (this.start + 1) % this.replies.length;
    this.count--;
  }

  /** Twice the room (at most the cap), the ring unrolled oldest first. */
  private grow(): void {
    const capacity = Math.min(ACK_REPLAY_MAX_COUNT, this.replies.length * 2);
    const replies: Array<string | undefined> = new Array(capacity);
    const sentAt = new Float64Array(capacity);
    for (let i = 0; i < this.count; i++) {
      const from = (this.start + i) % this.replies.length;
      replies[i] = this.replies[from];
      sentAt[i] = this.sentAt[from];
    }
    this.replies = replies;
    this.sentAt = sentAt;
    this.start = 0;
  }
}
