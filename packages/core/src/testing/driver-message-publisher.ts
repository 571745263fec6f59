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

  async publish(message: DriverMessageToPublish): Promise<PublishedDriverMessage> {
    const id = message.id ?? randomBytes(12).toString('hex');
    const runId = message.runId ?? randomUUID();
    const { resource, driver } = message;
    const subject = driver
      ? Subjects.driverResource(driver, resource.resource)
      : Subjects.resource(resource.resource);
    await this.publishRaw(
      subject,
      encodeDriverMessage({ event: message.event ?? 'create', resource, id, runId }),
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
