import type { DurablePublishOptions, StoredAck } from '../../../nats/transport';
import type { ResultTransport } from '../../publish-result';

export interface PublishedResult {
  subject: string;
  body: Record<string, unknown>;
  msgId?: string;
}

/** Stores results in memory and answers with a PubAck, as JetStream does for `pipeline-engine`. */
export class FakeResultTransport implements ResultTransport {
  readonly published: PublishedResult[] = [];

  constructor(readonly maxPayload: number | undefined = 1024 * 1024) {}

  async publishDurable(
    subject: string,
    data: Uint8Array,
    options: DurablePublishOptions = {},
  ): Promise<StoredAck> {
    await Promise.resolve();
    this.published.push({ subject, body: JSON.parse(new TextDecoder().decode(data)), msgId: options.msgId });
    return { stream: 'pipeline-engine', seq: this.published.length, duplicate: false };
  }
}
