import { Events, type JsMsg, type NatsConnection } from 'nats';
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

const INTERRUPTED = Symbol('interrupted');
type Interruption = 'stopped' | 'leader elected' | 'reconnected';

/**
 * A supervised pull loop on a driver's durable consumer (slot-puller.ts makes the pull requests). A
 * leader move or missed heartbeats re-create the loop at once (nats.js alone waits for a pull expiry
 * or more), a reconnect asks again; a consumer found missing (deleted, or a fresh server) is
 * re-created at once. The consumer's leader-elected advisory is heard for the source's whole life:
 * it also cuts short a lookup or a pause while the consumer has no leader, so pulling resumes as
 * soon as a successor is elected, not at the next lookup timeout.
 */
export class DriverMessageSource {
  private readonly puller: SlotPuller;
  /**
   * Ends the current wait (a lookup, a pause, or the running pull loop): stop(), a leader elected, or
   * a reconnect (which a running pull loop rides out: the puller asks again itself).
   */
  private interrupt: ((by: Interruption) => void) | undefined;
  private stopped = false;
  private loop?: Promise<void>;
  private lastActivityAt = performance.now();
  private disruption?: string;
  private readonly recentAcks: RecentAcks;
  private readonly rememberAck = (msg: JsMsg): void => this.recentAcks.remember(msg);
  private readonly stopHearingLeaders: () => void;

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
    this.stopHearingLeaders = onConsumerLeaderElected(connection, StreamNames.messages, options.driver, () =>
      this.interrupt?.('leader elected'),
    );
    void this.watchReconnects();
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
    this.interrupt?.('stopped');
    await this.loop;
    this.stopHearingLeaders();
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
        await this.pause(CONSUME_RESTART_DELAY_MS - (Date.now() - attemptAt));
      }
      if (end.kind === 'missing' && !this.stopped && !(await this.reprovision())) {
        await this.pause(CONSUME_RESTART_DELAY_MS);
      }
    }
  }

  private async consumeOnce(started: () => void): Promise<LoopEnd> {
    // A short API timeout: during a leader election the lookup is retried soon instead of waiting
    // out the default 5 s, and an election heard meanwhile retries it at once.
    const js = this.connection.jetstream({ timeout: CONSUMER_LOOKUP_TIMEOUT_MS });
    const lookup = await this.interruptible(
      js.consumers.get(StreamNames.messages, this.options.driver).then(
        () => undefined,
        (error: unknown) => error,
      ),
    );
    if (this.stopped) return { kind: 'repull', why: 'stopped' };
    if (lookup === INTERRUPTED)
      return { kind: 'repull', why: 'its leader moved or the connection came back' };
    if (lookup !== undefined) {
      const missing = [JsErrorCode.consumerNotFound, JsErrorCode.streamNotFound].includes(
        jsErrorCode(lookup) as never,
      );
      return { kind: missing ? 'missing' : 'failed', why: `cannot pull: ${(lookup as Error).message}` };
    }
    this.recovered();
    started();
    return new Promise<LoopEnd>((resolve) => {
      const finish = (end: LoopEnd): void => {
        this.interrupt = undefined;
        this.puller.pause();
        resolve(end);
      };
      this.interrupt = (by) => {
        if (by !== 'reconnected')
          finish({ kind: 'repull', why: by === 'stopped' ? 'stopped' : 'its leader moved' });
      };
      this.puller.pull((stop) =>
        finish({ kind: stop.kind === 'stalled' ? 'repull' : stop.kind, why: stop.why }),
      );
    });
  }

  /** `wait`'s outcome, or INTERRUPTED (after `cancel`) if stop() or a leader election came first. */
  private interruptible<T>(wait: Promise<T>, cancel?: () => void): Promise<T | typeof INTERRUPTED> {
    return new Promise((resolve) => {
      const done = (outcome: T | typeof INTERRUPTED): void => {
        if (this.interrupt === interrupt) this.interrupt = undefined;
        resolve(outcome);
      };
      const interrupt = (): void => {
        cancel?.();
        done(INTERRUPTED);
      };
      this.interrupt = interrupt;
      void wait.then(done);
    });
  }

  /** Waits before pulling again, so a missing server is not hammered. */
  private async pause(ms: number): Promise<void> {
    if (this.stopped) return; // stop() came during a step that cannot be interrupted
    let timer: NodeJS.Timeout | undefined;
    const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, ms))));
    await this.interruptible(elapsed, () => clearTimeout(timer));
  }

  /**
   * A lookup sent before a reconnect is never answered (the server that had it is gone): asking again
   * at once saves waiting out its timeout, 2 s of every restart of a single server.
   */
  private async watchReconnects(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type === Events.Reconnect) this.interrupt?.('reconnected');
    }
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
