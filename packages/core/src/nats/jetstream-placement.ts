import type { NatsConnection } from 'nats';

/** Which cluster node leads a stream or a consumer, and how to make it hand over (operators, chaos tests). */
export class JetStreamPlacement {
  constructor(private readonly connection: NatsConnection) {}

  /** The server name of the stream's leader, if it has one. */
  async streamLeader(stream: string): Promise<string | undefined> {
    const jsm = await this.connection.jetstreamManager();
    return (await jsm.streams.info(stream)).cluster?.leader;
  }

  /** The server name of the consumer's leader, if it has one. */
  async consumerLeader(stream: string, consumer: string): Promise<string | undefined> {
    const jsm = await this.connection.jetstreamManager();
    return (await jsm.consumers.info(stream, consumer)).cluster?.leader;
  }

  /** Asks the stream's leader to step down: a graceful leader move. */
  stepDownStream(stream: string): Promise<void> {
    return this.stepDown(`$JS.API.STREAM.LEADER.STEPDOWN.${stream}`);
  }

  /** Asks the consumer's leader to step down. */
  stepDownConsumer(stream: string, consumer: string): Promise<void> {
    return this.stepDown(`$JS.API.CONSUMER.LEADER.STEPDOWN.${stream}.${consumer}`);
  }

  private async stepDown(subject: string): Promise<void> {
    const reply = await this.connection.request(subject, undefined, { timeout: 5_000 });
    const answer = reply.json<{ success?: boolean; error?: { description?: string } }>();
    if (!answer.success) throw new Error(`${subject}: ${answer.error?.description ?? 'refused'}`);
  }
}
