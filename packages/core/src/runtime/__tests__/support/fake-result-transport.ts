import type { DurablePublishOptions, StoredAck } from '../../../nats/transport';
import type { ResultTransport } from '../../store-result';

export interface PublishedResult {
  subject: string;
  body: Record<string, unknown>;
  msgId?: string;
}

/** Stores results in memory and answers with a PubAck, as JetStream does for `pipeline-engine`. */
export class FakeResultTransport implements ResultTransport {
  readonly published: PublishedResult[] = [];
  /** Every publish tried, stored or not. */
  attempts = 0;
  /** This many publishes from now on fail with this error (a result store that is down). */
  failing: { count: number; error: Error } = { count: 0, error: new Error('503') };
  private pubAcks: Promise<void> = Promise.resolve();

  constructor(readonly maxPayload: number | undefined = 1024 * 1024) {}

  /** Holds every PubAck from now on until the returned function is called (a slow server). */
  holdPubAcks(): () => void {
    let answer!: () => void;
    this.pubAcks = new Promise((resolve) => (answer = resolve));
    return answer;
  }

  async publishDurable(
    subject: string,
    data: Uint8Array,
    options: DurablePublishOptions = {},
  ): Promise<StoredAck> {
    this.attempts += 1;
    await this.pubAcks;
    if (this.failing.count > 0) {
      this.failing.count -= 1;
      throw this.failing.error;
    }
    this.published.push({ subject, body: JSON.parse(new TextDecoder().decode(data)), msgId: options.msgId });
    return { stream: 'pipeline-engine', seq: this.published.length, duplicate: false };
  }
}
