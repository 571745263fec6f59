import { AckPolicy, DeliverPolicy, connect, type ConsumerMessages, type NatsConnection } from 'nats';
import {
  NatsTransport,
  StreamNames,
  Subjects,
  buildResultEvent,
  decodeDriverMessage,
  driverFilterSubjects,
  encodeJson,
  toWireLogEntry,
  type DriverResult,
  type Resource,
} from '@conveyor-ts/core';

/** What a test driver received for one message. */
export interface Delivery {
  subject: string;
  event: string;
  id: string;
  runId: string;
  resource: Resource;
}

export type TestReconcile = (
  delivery: Delivery,
  log: (message: string) => Promise<void>,
) => Promise<DriverResult>;

/**
 * A minimal driver for control-plane tests: a durable consumer on `messages` with the two filters of
 * protocol §2.3, a result on `pipelines.driver.result` after each reconcile, ack after the PubAck.
 */
export class TestDriver {
  readonly deliveries: Delivery[] = [];
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly nc: NatsConnection,
    private readonly reconcile: TestReconcile,
  ) {}

  static async start(
    url: string,
    name: string,
    resources: string[],
    reconcile: TestReconcile,
  ): Promise<TestDriver> {
    const nc = await connect({ servers: url });
    const jsm = await nc.jetstreamManager();
    await jsm.consumers.add(StreamNames.messages, {
      durable_name: name,
      filter_subjects: driverFilterSubjects(name, resources),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
    });
    const driver = new TestDriver(name, nc, reconcile);
    driver.messages = await (await nc.jetstream().consumers.get(StreamNames.messages, name)).consume();
    driver.loop = driver.run(driver.messages);
    return driver;
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
    await this.nc.close();
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    const transport = new NatsTransport(this.nc);
    for await (const m of messages) {
      const message = decodeDriverMessage(m.data);
      const { resource } = message;
      const delivery = {
        subject: m.subject,
        event: message.event,
        id: message.id,
        runId: message.runId,
        resource,
      };
      this.deliveries.push(delivery);
      const log = async (text: string): Promise<void> => {
        const entry = toWireLogEntry({
          runid: message.runId,
          driver: this.name,
          pipeline: resource.pipeline ?? '',
          timestamp: new Date().toISOString(),
          message: text,
        });
        await transport.publishDurable(Subjects.logs(message.runId), encodeJson(entry));
        transport.publish(Subjects.liveLogs(message.runId, this.name), encodeJson(entry));
      };
      const result = await this.reconcile(delivery, log);
      const event = buildResultEvent(message.runId, resource, result, this.name);
      await transport.publishDurable(Subjects.driverResult, encodeJson(event));
      m.ack();
    }
  }
}
