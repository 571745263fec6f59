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
  /** Oldest first; entries before `head` are expired (dropped in bulk, so an ack costs O(1)). */
  private acks: Array<{ at: number; reply: string }> = [];
  private head = 0;

  constructor(private readonly connection: NatsConnection) {}

  /** The message was acked just now. */
  remember(msg: JsMsg): void {
    const now = Date.now();
    // nats.js's JsMsg keeps the ack subject as `reply` without declaring it in the interface.
    const { reply } = msg as JsMsg & { reply?: string };
    if (reply) this.acks.push({ at: now, reply });
    this.prune(now);
  }

  /** Sends every recent ack again (to whichever node leads the consumer now); returns how many. */
  replay(): number {
    this.prune(Date.now());
    const recent = this.acks.slice(this.head);
    for (const { reply } of recent) {
      try {
        this.connection.publish(reply, ACK);
      } catch {
        return 0; // closed: nothing to replay to
      }
    }
    return recent.length;
  }

  private prune(now: number): void {
    const acks = this.acks;
    this.head = Math.max(this.head, acks.length - ACK_REPLAY_MAX_COUNT);
    while (this.head < acks.length && now - acks[this.head].at > ACK_REPLAY_WINDOW_MS) this.head++;
    if (this.head > 1024 && this.head * 2 > acks.length) {
      this.acks = acks.slice(this.head);
      this.head = 0;
    }
  }
}
