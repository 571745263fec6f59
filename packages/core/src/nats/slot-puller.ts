import {
  createInbox,
  Events,
  JSONCodec,
  type JsMsg,
  type Msg,
  type NatsConnection,
  type Subscription,
} from 'nats';
// nats.js's own wrapper (ack, nak, working, term, delivery info) for a message its consume() would hand over.
import { toJsMsg } from 'nats/lib/jetstream/jsmsg';
import type { PullTiming } from './driver-message-source';

/** Why pulling stopped: its leader went quiet, or the pull was refused or not answered. */
export type PullStop = { kind: 'stalled' | 'failed'; why: string };

export interface SlotPullerOptions {
  stream: string;
  consumer: string;
  /** Messages held (delivered and not yet released) plus requested, at most; read before each pull. */
  window(): number;
  pull: PullTiming;
  /** `receivedAt`: the `performance.now()` reading at its arrival, the only clock read per message. */
  onMessage(message: JsMsg, receivedAt: number): void;
}

const json = JSONCodec();
const nanos = (ms: number): number => ms * 1_000_000;
/** The pull request statuses whose headers give back what the request had left (`Nats-Pending-Messages`). */
const PENDING_MESSAGES = 'Nats-Pending-Messages';

/**
 * Pull requests made as the runtime has room, on one inbox for the puller's life. A process asks
 * only for what it can start soon: its window (runtime/pull-window.ts) minus what it holds minus
 * what it asked for. A message counts as held from delivery until `release()` (its reconcile ended;
 * its result may still be stored), so the consumer's `max_ack_pending` no longer decides what one
 * process takes. nats.js's `consume()` asks again as messages arrive, whatever the process can start.
 */
export class SlotPuller {
  private readonly inbox: string;
  private readonly subscription: Subscription;
  private held = 0;
  private requested = 0;
  private lastHeardAt = performance.now();
  private monitor: NodeJS.Timeout | undefined;
  private stopHandler: ((stop: PullStop) => void) | undefined;
  private readonly pullSubject: string;

  constructor(
    private readonly connection: NatsConnection,
    private readonly options: SlotPullerOptions,
  ) {
    const inboxPrefix = (connection as { options?: { inboxPrefix?: string } }).options?.inboxPrefix;
    this.inbox = createInbox(inboxPrefix);
    this.pullSubject = `$JS.API.CONSUMER.MSG.NEXT.${options.stream}.${options.consumer}`;
    this.subscription = connection.subscribe(this.inbox, {
      callback: (error, msg) => this.receive(error, msg),
    });
    void this.watchReconnects();
    void connection.closed().then(() => this.stop({ kind: 'failed', why: 'the connection closed' }));
  }

  /** Starts (or restarts) pulling: what was requested before is forgotten; `onStop` hears the first stop. */
  pull(onStop: (stop: PullStop) => void): void {
    this.stopHandler = onStop;
    this.requested = 0;
    this.lastHeardAt = performance.now();
    clearInterval(this.monitor);
    // The connection keeps a process alive while it is open; a heartbeat check alone must not.
    this.monitor = setInterval(() => this.checkHeartbeats(), this.options.pull.heartbeatMs).unref();
    this.topUp();
  }

  /** A held message's reconcile ended (or it was settled before starting): room for another. */
  release(): void {
    this.held = Math.max(0, this.held - 1);
    this.topUp();
  }

  /** Stops asking; what is already requested may still arrive until the inbox is closed. */
  pause(): void {
    this.stopHandler = undefined;
    clearInterval(this.monitor);
    this.monitor = undefined;
  }

  close(): void {
    this.pause();
    // A closed connection has dropped its subscriptions already.
    if (!this.connection.isClosed()) this.subscription.unsubscribe();
  }

  private topUp(): void {
    if (!this.stopHandler || this.connection.isClosed()) return;
    const window = this.options.window();
    const room = window - this.held - this.requested;
    // Ask in chunks of a quarter of the window or more: one pull request per several messages.
    if (room < Math.max(1, Math.floor(window / 4))) return;
    this.requested += room;
    const { expiresMs, heartbeatMs } = this.options.pull;
    this.connection.publish(
      this.pullSubject,
      json.encode({ batch: room, expires: nanos(expiresMs), idle_heartbeat: nanos(heartbeatMs) }),
      { reply: this.inbox },
    );
  }

  private receive(error: Error | null, msg: Msg): void {
    if (error) return this.stop({ kind: 'failed', why: `the pull inbox failed: ${error.message}` });
    const now = performance.now();
    this.lastHeardAt = now;
    if (msg.subject !== this.inbox) {
      this.held++;
      this.requested = Math.max(0, this.requested - 1);
      this.options.onMessage(toJsMsg(msg), now);
      return;
    }
    this.status(msg);
  }

  /** A status of a pull request (protocol: no payload, `NATS/1.0 <code> <description>`). */
  private status(msg: Msg): void {
    const code = msg.headers?.code ?? 0;
    const description = msg.headers?.description.toLowerCase() ?? '';
    if (code === 100) return; // idle heartbeat
    const left = Number(msg.headers?.get(PENDING_MESSAGES) || 0);
    if (left > 0) {
      // A request ended (expired, leader change, ...) with this many messages not delivered.
      this.requested = Math.max(0, this.requested - left);
      this.topUp();
      return;
    }
    if (code === 409 && description.includes('consumer deleted'))
      return this.stop({ kind: 'failed', why: 'the consumer was deleted' });
    // Nobody listens on the pull subject: a consumer without a leader yet (a move), or no consumer
    // (a fresh server); the loop's lookup tells which.
    if (code === 503)
      return this.stop({
        kind: 'failed',
        why: 'nobody answered its pull (503: the consumer is missing or has no leader)',
      });
    if (code === 400) return this.stop({ kind: 'failed', why: `the pull was refused: ${description}` });
    // Anything else (409 limits, 408 without a count) is not answered by asking again at once, which
    // could spin: if the requests are gone, their heartbeats stop and the pull is restarted.
  }

  private checkHeartbeats(): void {
    if (this.requested === 0) return;
    const silentMs = Math.round(performance.now() - this.lastHeardAt);
    if (silentMs > 2 * this.options.pull.heartbeatMs)
      this.stop({ kind: 'stalled', why: `heartbeats of its pull request stopped (${silentMs} ms)` });
  }

  private stop(stop: PullStop): void {
    const handler = this.stopHandler;
    this.pause();
    handler?.(stop);
  }

  /** After a reconnect the server has forgotten the requests: ask again. */
  private async watchReconnects(): Promise<void> {
    for await (const event of this.connection.status()) {
      if (event.type === Events.Reconnect && this.stopHandler) {
        this.requested = 0;
        this.topUp();
      }
    }
  }
}
