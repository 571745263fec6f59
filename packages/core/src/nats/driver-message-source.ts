import { ConsumerEvents, type ConsumerMessages, type JsMsg, type NatsConnection } from 'nats';
import { CONSUME_RESTART_DELAY_MS, CONSUMER_LOOKUP_TIMEOUT_MS } from '../constants';
import { StreamNames } from '../protocol/subjects';
import { JsErrorCode, jsErrorCode } from './api-errors';
import { toDeliveredMessage, type DeliveredMessage } from './delivered-message';
import { onConsumerLeaderElected } from './leader-advisories';
import { RecentAcks } from './recent-acks';

/** How pull requests are timed: what a leader move costs (docs/deployment.md). */
export interface PullTiming {
  /** A pull request lives this long on the consumer's leader before the next replaces it. */
  expiresMs: number;
  /** The leader sends a heartbeat this often while a pull waits; two missed ones mean it is gone. */
  heartbeatMs: number;
}

export interface DriverMessageSourceOptions {
  driver: string;
  /** Messages requested per pull; the server's `max_ack_pending` bounds what is outstanding. */
  batch: number;
  pull: PullTiming;
  /** Re-creates the consumer (after it was deleted, or the server lost it). */
  provision(): Promise<unknown>;
  onMessage(message: DeliveredMessage): void;
  /** Something went wrong but consuming goes on (logged by the runtime). */
  onProblem(description: string): void;
  /** Pulling works again after a disruption; said once per disruption. */
  onRecovered(description: string): void;
}

/** Why one consume loop ended: pull again at once, re-create the consumer first, or wait a moment. */
type LoopEnd = { kind: 'repull' | 'missing' | 'failed'; why: string };

/**
 * A supervised pull-consume loop on a driver's durable consumer. A leader move, missed heartbeats
 * or a reconnect re-creates the loop at once (nats.js alone waits for a pull expiry or more); a
 * consumer found missing (deleted, or a fresh server) is re-created at once.
 */
export class DriverMessageSource {
  private current?: ConsumerMessages;
  private stopped = false;
  private loop?: Promise<void>;
  private lastActivityAt = Date.now();
  private disruption?: string;
  private readonly recentAcks: RecentAcks;
  private readonly rememberAck = (msg: JsMsg): void => this.recentAcks.remember(msg);

  constructor(
    private readonly connection: NatsConnection,
    private readonly options: DriverMessageSourceOptions,
  ) {
    this.recentAcks = new RecentAcks(connection);
  }

  /** Resolves once the first pull is running (or failed and will be retried). */
  start(): Promise<void> {
    return new Promise((started) => {
      this.loop = this.run(started);
    });
  }

  /** Stops pulling; messages already handed over are the caller's to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.current?.close().catch(() => undefined);
    await this.loop;
  }

  private async run(started: () => void): Promise<void> {
    while (!this.stopped) {
      const attemptAt = Date.now();
      const end = await this.consumeOnce(started);
      started();
      if (this.stopped || this.connection.isClosed()) break;
      this.disruption ??= end.why;
      if (end.kind === 'failed') {
        this.options.onProblem(`consumer "${this.options.driver}": ${end.why}; pulling again`);
        // A lookup that timed out has waited already; one refused at once waits here.
        await delay(CONSUME_RESTART_DELAY_MS - (Date.now() - attemptAt));
      }
      if (end.kind === 'missing' && !this.stopped && !(await this.reprovision())) {
        await delay(CONSUME_RESTART_DELAY_MS);
      }
    }
  }

  private async consumeOnce(started: () => void): Promise<LoopEnd> {
    let messages: ConsumerMessages;
    try {
      // A short API timeout: during a leader election the lookup (and nats.js's own, after a
      // reconnect) is retried soon instead of waiting out the default 5 s.
      const js = this.connection.jetstream({ timeout: CONSUMER_LOOKUP_TIMEOUT_MS });
      const consumer = await js.consumers.get(StreamNames.messages, this.options.driver);
      messages = await consumer.consume({
        max_messages: this.options.batch,
        // Re-pull once a quarter is left: one pull request per several messages, not one each.
        threshold_messages: Math.max(1, Math.floor(this.options.batch / 4)),
        expires: this.options.pull.expiresMs,
        idle_heartbeat: this.options.pull.heartbeatMs,
        callback: (msg) => {
          this.lastActivityAt = Date.now();
          this.options.onMessage(toDeliveredMessage(msg, this.rememberAck));
        },
      });
    } catch (error) {
      const missing = [JsErrorCode.consumerNotFound, JsErrorCode.streamNotFound].includes(
        jsErrorCode(error) as never,
      );
      return { kind: missing ? 'missing' : 'failed', why: `cannot pull: ${(error as Error).message}` };
    }
    this.current = messages;
    if (this.stopped) await messages.close();
    this.recovered();
    started();
    let end: LoopEnd | undefined;
    const finish = (next: LoopEnd): void => {
      end ??= next;
      messages.stop();
    };
    const unsubscribe = onConsumerLeaderElected(
      this.connection,
      StreamNames.messages,
      this.options.driver,
      () => finish({ kind: 'repull', why: 'its leader moved' }),
    );
    void this.watch(messages, finish);
    const closed = await messages.closed();
    unsubscribe();
    return (
      end ?? {
        kind: 'failed',
        why: `the consume loop ended${closed instanceof Error ? ` (${closed.message})` : ''}`,
      }
    );
  }

  private async watch(messages: ConsumerMessages, finish: (end: LoopEnd) => void): Promise<void> {
    for await (const status of await messages.status()) {
      if (status.type === ConsumerEvents.HeartbeatsMissed && !this.connection.isClosed()) {
        finish({ kind: 'repull', why: 'heartbeats of its pull request stopped' });
      } else if (
        status.type === ConsumerEvents.ConsumerDeleted ||
        status.type === ConsumerEvents.ConsumerNotFound ||
        status.type === ConsumerEvents.StreamNotFound
      ) {
        finish({ kind: 'missing', why: `${status.type} (${String(status.data)})` });
      }
    }
  }

  /** Logs a recovery once, with how long nothing arrived. */
  private recovered(): void {
    const now = Date.now();
    if (this.disruption !== undefined) {
      const replayed = this.recentAcks.replay();
      this.options.onRecovered(
        `consumer "${this.options.driver}" is pulling again (${this.disruption}); no message for ${now - this.lastActivityAt} ms; ${replayed} recent acks sent again`,
      );
    }
    this.disruption = undefined;
    this.lastActivityAt = now;
  }

  private async reprovision(): Promise<boolean> {
    try {
      await this.options.provision();
      return true;
    } catch (error) {
      this.options.onProblem(
        `cannot re-create consumer "${this.options.driver}": ${(error as Error).message}`,
      );
      return false;
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
