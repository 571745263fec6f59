import { randomBytes, randomUUID } from 'node:crypto';
import type { NatsConnectOptions, NatsConnection } from '../nats/connection';
import { NatsTransport } from '../nats/transport';
import { connectTestClient } from './connect-test-client';
import { encodeDriverMessage } from '../protocol/encode';
import type { Resource } from '../protocol/model/resource';
import { Subjects } from '../protocol/subjects';

export interface PublishedDriverMessage {
  id: string;
  runId: string;
  subject: string;
}

export interface DriverMessageToPublish {
  resource: Partial<Resource> & { name: string; resource: string };
  /** `create` (default) or `process`. */
  event?: string;
  /** Set: a pipeline step on `drivers.<driver>.resources.<r>`; unset: a broadcast on `resources.<r>`. */
  driver?: string;
  id?: string;
  runId?: string;
}

/** How one publish is sent; the defaults are the Conveyor server's. */
export interface DriverMessagePublishOptions {
  /**
   * Sets `Nats-Msg-Id` to the message id, which the server does not: JetStream then stores a
   * retried publish once, and a publish whose PubAck a reconnect lost is sent again at once.
   */
  dedupe?: boolean;
  /** How long to wait for the PubAck (default 5 s). */
  timeoutMs?: number;
}

/**
 * Publishes DriverMessages to JetStream exactly as the Conveyor server and engine do (string payload,
 * 24-hex id, UUID run id), for integration tests of drivers.
 */
export class DriverMessagePublisher {
  readonly transport: NatsTransport;

  /** `connection` is the raw client, for tests that inspect the server (JetStream manager). */
  private constructor(readonly connection: NatsConnection) {
    this.transport = new NatsTransport(connection);
  }

  /** `options` add what a secured server needs (mutual TLS, credentials). */
  static async connect(
    url: string | string[],
    options: Omit<NatsConnectOptions, 'servers'> = {},
  ): Promise<DriverMessagePublisher> {
    return new DriverMessagePublisher(await connectTestClient('test-publisher', url, options));
  }

  async publish(
    message: DriverMessageToPublish,
    options: DriverMessagePublishOptions = {},
  ): Promise<PublishedDriverMessage> {
    const id = message.id ?? randomBytes(12).toString('hex');
    const runId = message.runId ?? randomUUID();
    const { resource, driver } = message;
    const subject = driver
      ? Subjects.driverResource(driver, resource.resource)
      : Subjects.resource(resource.resource);
    await this.transport.publishDurable(
      subject,
      encodeDriverMessage({ event: message.event ?? 'create', resource, id, runId }),
      { msgId: options.dedupe ? id : undefined, timeoutMs: options.timeoutMs },
    );
    return { id, runId, subject };
  }

  /** Any bytes on any subject (malformed input), stored by JetStream before this resolves. */
  async publishRaw(subject: string, data: Uint8Array): Promise<void> {
    await this.transport.publishDurable(subject, data);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
