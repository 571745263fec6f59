import { ConsumerEvents, type ConsumerMessages, type NatsConnection } from 'nats';
import { CONSUME_MAX_MISSED_HEARTBEATS, CONSUME_RESTART_DELAY_MS } from '../constants';
import { StreamNames } from '../protocol/subjects';
import { toDeliveredMessage, type DeliveredMessage } from './delivered-message';

export interface DriverMessageSourceOptions {
  driver: string;
  /** Messages requested per pull; the server's `max_ack_pending` bounds what is outstanding. */
  batch: number;
  /** Re-creates the consumer (after it was deleted, or the server lost it). */
  provision(): Promise<unknown>;
  onMessage(message: DeliveredMessage): void;
  /** Something went wrong but consuming goes on (logged by the runtime). */
  onProblem(description: string): void;
}

/**
 * A supervised pull-consume loop on a driver's durable consumer. nats.js already re-pulls after a
 * reconnect; on top of that this watches the consumer's status and re-creates the loop (and the
 * consumer) when it was deleted, stays missing, or heartbeats keep failing while connected.
 */
export class DriverMessageSource {
  private current?: ConsumerMessages;
  private stopped = false;
  private loop?: Promise<void>;

  constructor(
    private readonly connection: NatsConnection,
    private readonly options: DriverMessageSourceOptions,
  ) {}

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
      try {
        const consumer = await this.connection
          .jetstream()
          .consumers.get(StreamNames.messages, this.options.driver);
        const messages = await consumer.consume({
          max_messages: this.options.batch,
          // Re-pull once a quarter is left: one pull request per several messages, not one each.
          threshold_messages: Math.max(1, Math.floor(this.options.batch / 4)),
          callback: (msg) => this.options.onMessage(toDeliveredMessage(msg)),
        });
        this.current = messages;
        if (this.stopped) await messages.close();
        void this.watch(messages);
        started();
        const ended = await messages.closed();
        if (this.stopped) break;
        this.options.onProblem(
          `consume loop of driver "${this.options.driver}" ended${ended instanceof Error ? ` (${ended.message})` : ''}; re-creating it`,
        );
      } catch (error) {
        started();
        if (this.stopped || this.connection.isClosed()) break;
        this.options.onProblem(
          `cannot consume for driver "${this.options.driver}": ${(error as Error).message}; retrying`,
        );
      }
      await delay(CONSUME_RESTART_DELAY_MS);
      if (!this.stopped) await this.reprovision();
    }
  }

  private async watch(messages: ConsumerMessages): Promise<void> {
    let missed = 0;
    for await (const status of await messages.status()) {
      if (status.type === ConsumerEvents.HeartbeatsMissed && !this.connection.isClosed()) missed += 1;
      const gone =
        status.type === ConsumerEvents.ConsumerDeleted ||
        (status.type === ConsumerEvents.ConsumerNotFound && Number(status.data) >= 2);
      if (gone || missed >= CONSUME_MAX_MISSED_HEARTBEATS) {
        this.options.onProblem(
          `consumer "${this.options.driver}": ${status.type} (${String(status.data)}); re-creating the consume loop`,
        );
        messages.stop();
        return;
      }
    }
  }

  private async reprovision(): Promise<void> {
    try {
      await this.options.provision();
    } catch (error) {
      this.options.onProblem(
        `cannot re-create consumer "${this.options.driver}": ${(error as Error).message}`,
      );
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
