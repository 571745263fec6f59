import type { NatsConnection } from 'nats';
import type { BatchMessage, FrameWriter } from './frame-writer';
import { pubAckProblem } from './pub-ack';
import { ReplyInbox } from './reply-inbox';

/** One message of a pipelined JetStream batch; its headers (trace context) are shared by a run's messages. */
export type OutgoingMessage = BatchMessage;

/** What JetStream answered for a batch. */
export interface BatchPublishOutcome {
  /** Messages the stream acknowledged as stored. */
  stored: number;
  /** Refused (no stream, stream error), unpublishable, or unanswered within the timeout. */
  failed: number;
  /** The first failure, for diagnostics. */
  firstError?: string;
}

interface PendingBatch {
  remaining: number;
  outcome: BatchPublishOutcome;
  timer: NodeJS.Timeout;
  resolve: (outcome: BatchPublishOutcome) => void;
}

/**
 * JetStream publishes without one request per message: the batch is written as plain publishes
 * (one buffer of frames) whose reply subject is a per-batch inbox, and one wildcard subscription
 * counts the PubAcks. A batch costs one round trip and almost no per-message bookkeeping (no timer,
 * no promise, no JSON parse of good acks), which is what makes high-volume log storage cheap.
 */
export class PipelinedPublisher {
  private readonly inbox: ReplyInbox;
  private readonly pending = new Map<string, PendingBatch>();
  private nextBatch = 0;

  constructor(
    connection: NatsConnection,
    private readonly frames: FrameWriter,
  ) {
    this.inbox = new ReplyInbox(connection, (id, msg) => {
      const batch = this.pending.get(id);
      // A late ack of a batch that already timed out finds nothing.
      if (batch) this.count(id, batch, pubAckProblem(msg));
    });
  }

  publish(messages: readonly OutgoingMessage[], timeoutMs: number): Promise<BatchPublishOutcome> {
    if (messages.length === 0) return Promise.resolve({ stored: 0, failed: 0 });
    const id = String(++this.nextBatch);
    const reply = this.inbox.replySubject(id);
    return new Promise((resolve) => {
      const batch: PendingBatch = {
        remaining: messages.length,
        outcome: { stored: 0, failed: 0 },
        timer: setTimeout(() => this.finish(id, 'no PubAck within the timeout'), timeoutMs),
        resolve,
      };
      this.pending.set(id, batch);
      this.frames.write(messages, reply, (reason) => this.count(id, batch, reason));
    });
  }

  private count(id: string, batch: PendingBatch, error: string | undefined): void {
    if (error === undefined) batch.outcome.stored++;
    else {
      batch.outcome.failed++;
      batch.outcome.firstError ??= error;
    }
    if (--batch.remaining === 0) this.finish(id);
  }

  private finish(id: string, reason?: string): void {
    const batch = this.pending.get(id);
    if (!batch) return;
    this.pending.delete(id);
    clearTimeout(batch.timer);
    if (batch.remaining > 0) {
      batch.outcome.failed += batch.remaining;
      batch.outcome.firstError ??= reason;
    }
    batch.resolve(batch.outcome);
  }
}
