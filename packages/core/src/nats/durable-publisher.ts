import type { MsgHdrs, NatsConnection } from 'nats';
import { preEncodedHeaders } from './pre-encoded-headers';
import { readPubAck } from './pub-ack';
import type { ReconnectSignal } from './reconnect-signal';
import { ReplyInbox } from './reply-inbox';

/** What JetStream answered for a stored message. */
export interface StoredAck {
  stream: string;
  seq: number;
  /** True when the message id was seen inside the stream's dedupe window and not stored again. */
  duplicate: boolean;
}

export interface DurablePublishOptions {
  /** `Nats-Msg-Id`: JetStream drops a second message with this id inside the dedupe window. */
  msgId?: string;
  /** How long to wait for the PubAck. */
  timeoutMs?: number;
  headers?: Readonly<Record<string, string>>;
}

interface PendingPublish {
  subject: string;
  data: Uint8Array;
  headers: MsgHdrs | undefined;
  /** Carries a `Nats-Msg-Id`: a second copy is a duplicate JetStream does not store. */
  resendable: boolean;
  deadline: number;
  resolve(ack: StoredAck): void;
  reject(error: Error): void;
}

const MSG_ID_HEADER = 'Nats-Msg-Id';

/**
 * JetStream publishes that each resolve on their PubAck (result events), as `js.publish` does, for a
 * fraction of its cost per message: a plain publish whose reply routes through one shared inbox, one
 * timer for every deadline, no cancellation error built for each answered request.
 *
 * A publish with a message id is sent again after each reconnect: the PubAck of a publish the old
 * connection carried may never come (the server went away before answering), and waiting out the
 * timeout would hold the caller for nothing. Every send of one publish shares its deadline.
 */
export class DurablePublisher {
  private readonly inbox: ReplyInbox;
  private readonly pending = new Map<string, PendingPublish>();
  private next = 0;
  private sweep: NodeJS.Timeout | undefined;
  private sweepAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly connection: NatsConnection,
    reconnects: ReconnectSignal,
  ) {
    this.inbox = new ReplyInbox(connection, (token, msg) => {
      const entry = this.pending.get(token);
      if (!entry) return; // answered after its deadline
      this.pending.delete(token);
      const ack = readPubAck(msg);
      if (ack.stored) entry.resolve({ stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate });
      else entry.reject(new Error(ack.error));
    });
    reconnects.subscribe(() => this.resendAll());
    void connection.closed().then(() => this.failAll('the connection is closed'));
  }

  publish(
    subject: string,
    data: Uint8Array,
    options: DurablePublishOptions,
    timeoutMs: number,
  ): Promise<StoredAck> {
    return new Promise<StoredAck>((resolve, reject) => {
      const token = String(++this.next);
      const entry: PendingPublish = {
        subject,
        data,
        headers: headersOf(options),
        resendable: options.msgId !== undefined,
        deadline: Date.now() + (options.timeoutMs ?? timeoutMs),
        resolve,
        reject,
      };
      this.pending.set(token, entry);
      this.send(token, entry);
      if (entry.deadline < this.sweepAt) this.expireAt(entry.deadline);
    });
  }

  private send(token: string, entry: PendingPublish): void {
    try {
      const reply = this.inbox.replySubject(token);
      this.connection.publish(
        entry.subject,
        entry.data,
        entry.headers ? { reply, headers: entry.headers } : { reply },
      );
    } catch (error) {
      this.pending.delete(token);
      entry.reject(error as Error);
    }
  }

  private resendAll(): void {
    for (const [token, entry] of this.pending) if (entry.resendable) this.send(token, entry);
  }

  /** One timer for every pending deadline: it fires at the earliest. */
  private expireAt(deadline: number): void {
    clearTimeout(this.sweep);
    this.sweepAt = deadline;
    this.sweep = setTimeout(() => this.expire(), Math.max(1, deadline - Date.now()));
  }

  /** Rejects what is past its deadline, then waits for the earliest deadline left. */
  private expire(): void {
    this.sweep = undefined;
    this.sweepAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let earliest = Number.POSITIVE_INFINITY;
    for (const [token, entry] of this.pending) {
      if (entry.deadline <= now) {
        this.pending.delete(token);
        entry.reject(new Error(`no PubAck for ${entry.subject} within the timeout`));
      } else earliest = Math.min(earliest, entry.deadline);
    }
    if (earliest !== Number.POSITIVE_INFINITY) this.expireAt(earliest);
  }

  private failAll(why: string): void {
    clearTimeout(this.sweep);
    this.sweepAt = Number.POSITIVE_INFINITY;
    for (const entry of this.pending.values()) entry.reject(new Error(`no PubAck: ${why}`));
    this.pending.clear();
  }
}

function headersOf(options: DurablePublishOptions): MsgHdrs | undefined {
  if (options.msgId === undefined && !options.headers) return undefined;
  const values: Array<[string, string]> = [];
  for (const key in options.headers) values.push([key, options.headers[key]]);
  if (options.msgId !== undefined) values.push([MSG_ID_HEADER, options.msgId]);
  return preEncodedHeaders(values);
}
