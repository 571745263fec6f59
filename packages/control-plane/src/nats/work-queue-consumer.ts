import {
  AckPolicy,
  DeliverPolicy,
  nanos,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
} from 'nats';
import {
  CONTROL_PLANE_ACK_WAIT_MS,
  CONTROL_PLANE_MAX_DELIVERIES,
  CONTROL_PLANE_RETRY_DELAY_MS,
} from '../constants';

export interface WorkQueueConsumerOptions {
  stream: string;
  /** The durable name; the same as the Go server's consumer, so only one of the two can run. */
  name: string;
  filterSubject: string;
  /** Handles one message; resolving acks it, throwing retries it later. `header` reads its headers. */
  handle(data: Uint8Array, subject: string, header: (name: string) => string | undefined): Promise<void>;
  /** Told about a message given up after the last delivery. */
  onGiveUp(error: unknown, subject: string, data: Uint8Array): void;
}

/**
 * A durable consumer on one of the server's WorkQueue streams, processing one message at a time and
 * acking only after the handler finished: a crash mid-transition redelivers the message instead of
 * losing it (the Go engine acks on receipt, protocol §4.6).
 */
export class WorkQueueConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  private constructor(private readonly options: WorkQueueConsumerOptions) {}

  static async start(
    js: JetStreamClient,
    jsm: JetStreamManager,
    options: WorkQueueConsumerOptions,
  ): Promise<WorkQueueConsumer> {
    await jsm.consumers.add(options.stream, {
      durable_name: options.name,
      filter_subject: options.filterSubject,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(CONTROL_PLANE_ACK_WAIT_MS),
    });
    const consumer = new WorkQueueConsumer(options);
    const source = await js.consumers.get(options.stream, options.name);
    consumer.messages = await source.consume({ max_messages: 16 });
    consumer.loop = consumer.run(consumer.messages);
    return consumer;
  }

  /** Stops pulling and waits for the message in hand to be settled. */
  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      try {
        const header = (name: string) => message.headers?.get(name) || undefined;
        await this.options.handle(message.data, message.subject, header);
        message.ack();
      } catch (error) {
        if (message.info.redeliveryCount >= CONTROL_PLANE_MAX_DELIVERIES) {
          this.options.onGiveUp(error, message.subject, message.data);
          message.term();
        } else {
          message.nak(CONTROL_PLANE_RETRY_DELAY_MS * message.info.redeliveryCount);
        }
      }
    }
  }
}
