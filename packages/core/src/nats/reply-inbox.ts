import { createInbox, type Msg, type NatsConnection, type Subscription } from 'nats';

/**
 * One wildcard subscription that receives the answers (PubAcks) to many plain publishes: each
 * publish gets the reply subject `<inbox>.<token>` and the answer is routed back by its token. No
 * nats.js request per publish (its timer, promise and cancellation error).
 */
export class ReplyInbox {
  private readonly prefix: string;
  private subscription: Subscription | undefined;

  constructor(
    private readonly connection: NatsConnection,
    private readonly onReply: (token: string, msg: Msg) => void,
  ) {
    const inboxPrefix = (connection as { options?: { inboxPrefix?: string } }).options?.inboxPrefix;
    this.prefix = createInbox(inboxPrefix);
  }

  /** The reply subject for `token`; subscribes on first use. */
  replySubject(token: string): string {
    this.subscription ??= this.connection.subscribe(`${this.prefix}.*`, {
      callback: (error, msg) => {
        if (!error) this.onReply(msg.subject.slice(this.prefix.length + 1), msg);
      },
    });
    return `${this.prefix}.${token}`;
  }
}
