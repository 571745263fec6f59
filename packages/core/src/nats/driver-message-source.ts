import type { JsMsg, NatsConnection } from 'nats';
import { CONSUME_RESTART_DELAY_MS, CONSUMER_LOOKUP_TIMEOUT_MS } from '../constants';
import { StreamNames } from '../protocol/subjects';
import { JsErrorCode, jsErrorCode } from './api-errors';
import { toDeliveredMessage, type DeliveredMessage } from './delivered-message';
import { onConsumerLeaderElected } from './leader-advisories';
import { RecentAcks } from './recent-acks';
import { SlotPuller } from './slot-puller';

/** How pull requests are timed: what a leader move costs (docs/deployment.md). */
export interface PullTiming {
  /** A pull request lives this long on the consumer's leader before the next replaces it. */
  expiresMs: number;
  /** The leader sends a heartbeat this often while a pull waits; two missed ones mean it is gone. */
  heartbeatMs: number;
}

export interface DriverMessageSourceOptions {
  driver: string;
  /**
   * Messages this process holds (waiting at the gate or reconciling) plus those it asked for, at
   * most: what it can start soon, whatever the consumer's `max_ack_pending` would allow.
   */
  window(): number;
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
 * A supervised pull loop on a driver's durable consumer (slot-puller.ts makes the pull requests). A
 * leader move or missed heartbeats re-create the loop at once (nats.js alone waits for a pull expiry
 * or more), a reconnect asks again; a consumer found missing (deleted, or a fresh server) is
 * re-created at once.
 */
export class DriverMessageSource {
  private readonly puller: SlotPuller;
  /** Ends the running pull loop (stop, leader move). */
  private endLoop: ((end: LoopEnd) => void) | undefined;
  private stopped = false;
  private loop?: Promise<void>;
  private lastActivityAt = performance.now();
  private disruption?: string;
  private readonly recentAcks: RecentAcks;
  private readonly rememberAck = (msg: JsMsg): void => this.recentAcks.remember(msg);

  constructor(
    private readonly connection: NatsConnection,
    private readonly options: DriverMessageSourceOptions,
  ) {
    this.recentAcks = new RecentAcks(connection);
    this.puller = new SlotPuller(connection, {
      stream: StreamNames.messages,
      consumer: options.driver,
      window: options.window,
      pull: options.pull,
      onMessage: (msg, receivedAt) => {
        this.lastActivityAt = receivedAt;
        options.onMessage(toDeliveredMessage(msg, receivedAt, this.rememberAck));
      },
    });
  }

  /** A message handed over no longer waits or reconciles (its result may still be stored): pull another. */
  release(): void {
    this.puller.release();
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
    this.endLoop?.({ kind: 'repull', why: 'stopped' });
    await this.loop;
    this.puller.close();
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
    try {
      // A short API timeout: during a leader election the lookup is retried soon instead of
      // waiting out the default 5 s.
      const js = this.connection.jetstream({ timeout: CONSUMER_LOOKUP_TIMEOUT_MS });
      await js.consumers.get(StreamNames.messages, this.options.driver);
    } catch (error) {
      const missing = [JsErrorCode.consumerNotFound, JsErrorCode.streamNotFound].includes(
        jsErrorCode(error) as never,
      );
      return { kind: missing ? 'missing' : 'failed', why: `cannot pull: ${(error as Error).message}` };
    }
    if (this.stopped) return { kind: 'repull', why: 'stopped' };
    this.recovered();
    started();
    return new Promise<LoopEnd>((resolve) => {
      const unsubscribe = onConsumerLeaderElected(
        this.connection,
        StreamNames.messages,
        this.options.driver,
        () => finish({ kind: 'repull', why: 'its leader moved' }),
      );
      const finish = (end: LoopEnd): void => {
        unsubscribe();
        this.endLoop = undefined;
        this.puller.pause();
        resolve(end);
      };
      this.endLoop = finish;
      this.puller.pull((stop) =>
        finish({ kind: stop.kind === 'stalled' ? 'repull' : stop.kind, why: stop.why }),
      );
    });
  }

  /** Logs a recovery once, with how long nothing arrived. */
  private recovered(): void {
    const now = performance.now();
    if (this.disruption !== undefined) {
      const replayed = this.recentAcks.replay();
      this.options.onRecovered(
        `consumer "${this.options.driver}" is pulling again (${this.disruption}); no message for ${Math.round(now - this.lastActivityAt)} ms; ${replayed} recent acks sent again`,
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
