import type { DurablePublishOptions, StoredAck } from '../../../nats/transport';
import type { ResultTransport } from '../../publish-result';

export interface PublishedResult {
  subject: string;
  body: Record<string, unknown>;
  msgId?: string;
}

/**
 * Stores results in memory and answers with a PubAck; `fail` makes the next publishes reject as a
 * missing PubAck does. `log` interleaves with a message's settlement calls to check their order.
 */
export class FakeResultTransport implements ResultTransport {
  readonly published: PublishedResult[] = [];
  fail?: Error;

  constructor(
    readonly maxPayload: number | undefined = 1024 * 1024,
    private readonly log?: string[],
  ) {}

  async publishDurable(
    subject: string,
    data: Uint8Array,
    options: DurablePublishOptions = {},
  ): Promise<StoredAck> {
    await Promise.resolve();
    if (this.fail) throw this.fail;
    this.published.push({ subject, body: JSON.parse(new TextDecoder().decode(data)), msgId: options.msgId });
    this.log?.push('result stored');
    return { stream: 'pipeline-engine', seq: this.published.length, duplicate: false };
  }
}
