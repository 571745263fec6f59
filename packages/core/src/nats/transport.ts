import type { NatsConnection, Subscription } from 'nats';
import { NATS_DRAIN_TIMEOUT_MS } from '../constants';
import { watchConnectionStatus, type ConnectionStatus } from './connection-status';
import { provisionDriverConsumer } from './consumer-provisioner';
import type { DriverConsumerSpec } from './driver-consumer-spec';
import { DriverMessageSource, type DriverMessageSourceOptions } from './driver-message-source';
import { untilJetStreamAnswers, type JetStreamWaitOptions } from './jetstream-ready';
import { toNatsHeaders } from './nats-headers';
import { FrameWriter } from './frame-writer';
import { PipelinedPublisher, type BatchPublishOutcome, type OutgoingMessage } from './pipelined-publisher';
import { ReconnectSignal } from './reconnect-signal';
import { DurablePublisher, type DurablePublishOptions, type StoredAck } from './durable-publisher';

export type { BatchPublishOutcome, OutgoingMessage } from './pipelined-publisher';
export type { DurablePublishOptions, StoredAck } from './durable-publisher';

/** nats.js's own default request timeout. */
const DEFAULT_PUBLISH_TIMEOUT_MS = 5000;

/** A received core NATS message. */
export interface ReceivedMessage {
  subject: string;
  data: Uint8Array;
}

/** An open subscription: iterate it for messages; `close()` ends the iteration. */
export interface MessageSubscription extends AsyncIterable<ReceivedMessage> {
  close(): void;
}

/**
 * The publish/subscribe operations the rest of the runtime needs, so that only `nats/` knows the
 * client library. Everything outside `nats/` talks to NATS through this.
 */
export class NatsTransport {
  constructor(private readonly connection: NatsConnection) {}

  /** The server this connection is on now (`host:port`). */
  get server(): string {
    return this.connection.getServer();
  }

  /** Reports the connection's state changes until it closes (then `closed`). */
  watchStatus(listener: (status: ConnectionStatus) => void): void {
    watchConnectionStatus(this.connection, listener);
  }

  /**
   * Creates or updates a driver's durable consumer; while JetStream cannot answer (no quorum yet)
   * it retries within `wait`.
   */
  async provisionDriverConsumer(spec: DriverConsumerSpec, wait?: JetStreamWaitOptions): Promise<void> {
    const provision = () => provisionDriverConsumer(this.connection, spec);
    await (wait ? untilJetStreamAnswers(this.connection, provision, wait) : provision());
  }

  /** A supervised pull loop on a driver's consumer; not started. */
  driverMessageSource(options: DriverMessageSourceOptions): DriverMessageSource {
    return new DriverMessageSource(this.connection, options);
  }

  /** Drains (lets pending publishes and subscriptions finish), or closes if draining fails; idempotent. */
  close(): Promise<void> {
    // One drain: a second one would fail at once and close the connection under the first.
    this.closing ??= this.drainThenClose();
    return this.closing;
  }

  private closing: Promise<void> | undefined;

  private async drainThenClose(): Promise<void> {
    if (this.connection.isClosed()) return;
    // A drain may end without closing (its server gone, the connection redialling for ever) or
    // wait for that server: either way the connection is closed once the drain is over or given up.
    let timer: NodeJS.Timeout | undefined;
    const givenUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, NATS_DRAIN_TIMEOUT_MS)));
    const closedElsewhere = this.connection.closed().then(() => undefined);
    await Promise.race([this.connection.drain().catch(() => undefined), givenUp, closedElsewhere]);
    clearTimeout(timer);
    if (!this.connection.isClosed()) await this.connection.close();
  }

  /** The largest message the server accepts, once connected. */
  get maxPayload(): number | undefined {
    return this.connection.info?.max_payload;
  }

  /** Core NATS publish: not stored, fire and forget (live logs). */
  publish(subject: string, data: Uint8Array, headers?: Readonly<Record<string, string>>): void {
    this.connection.publish(subject, data, headers && { headers: toNatsHeaders(headers) });
  }

  /**
   * Core NATS publishes written as one batch, in order (live logs). Returns how many the client
   * refused (connection closed or draining, above max_payload).
   */
  publishBatch(messages: readonly OutgoingMessage[]): number {
    let refused = 0;
    this.frameWriter().write(messages, '', () => refused++);
    return refused;
  }

  /** JetStream publish that resolves once the server has stored the message (results, stored logs). */
  publishDurable(subject: string, data: Uint8Array, options: DurablePublishOptions = {}): Promise<StoredAck> {
    this.durable ??= new DurablePublisher(this.connection, new ReconnectSignal(this.connection));
    return this.durable.publish(subject, data, options, DEFAULT_PUBLISH_TIMEOUT_MS);
  }

  /**
   * JetStream publishes sent back to back, their PubAcks counted together: one round trip for the
   * whole batch instead of one per message. The server stores them in the order given.
   */
  publishDurableBatch(
    messages: readonly OutgoingMessage[],
    options: { timeoutMs?: number } = {},
  ): Promise<BatchPublishOutcome> {
    this.pipelined ??= new PipelinedPublisher(this.connection, this.frameWriter());
    return this.pipelined.publish(messages, options.timeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS);
  }

  private frameWriter(): FrameWriter {
    return (this.frames ??= new FrameWriter(this.connection));
  }

  private frames: FrameWriter | undefined;
  private pipelined: PipelinedPublisher | undefined;
  private durable: DurablePublisher | undefined;

  /** Core NATS subscription (wildcards allowed). */
  subscribe(subject: string): MessageSubscription {
    const subscription: Subscription = this.connection.subscribe(subject);
    return {
      close: () => subscription.unsubscribe(),
      async *[Symbol.asyncIterator]() {
        for await (const m of subscription) yield { subject: m.subject, data: m.data };
      },
    };
  }

  /** Resolves once the server has processed everything published so far on this connection. */
  flush(): Promise<void> {
    return this.connection.flush();
  }
}
