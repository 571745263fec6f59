import type { NatsConnectOptions, NatsConnection } from '../nats/connection';
import { readStoredMessages } from '../nats/stored-messages';
import type { PipelineEvent } from '../protocol/model/pipeline-event';
import { StreamNames, Subjects } from '../protocol/subjects';
import { connectTestClient } from './connect-test-client';

/** A `driver.result` PipelineEvent as JetStream stored it. */
export interface StoredResult {
  seq: number;
  /** The `Nats-Msg-Id` it was published with (`<message id>:<driver>:result`). */
  msgId?: string;
  event: PipelineEvent;
}

/**
 * Reads the driver results stored in the `pipeline-engine` stream, without a consumer (which would
 * steal the engine's work on a real server). For a test environment without the engine.
 */
export class ResultCollector {
  private constructor(private readonly connection: NatsConnection) {}

  /** `options` add what a secured server needs (mutual TLS, credentials). */
  static async connect(
    url: string | string[],
    options: Omit<NatsConnectOptions, 'servers'> = {},
  ): Promise<ResultCollector> {
    return new ResultCollector(await connectTestClient('test-results', url, options));
  }

  async results(): Promise<StoredResult[]> {
    const stored = await readStoredMessages(this.connection, StreamNames.pipelineEngine);
    return stored
      .filter((m) => m.subject === Subjects.driverResult)
      .map((m) => ({
        seq: m.seq,
        msgId: m.msgId,
        event: JSON.parse(new TextDecoder().decode(m.data)) as PipelineEvent,
      }));
  }

  /** Polls until at least `count` results are stored; rejects after `timeoutMs` listing what arrived. */
  async waitFor(count: number, timeoutMs = 20_000): Promise<StoredResult[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await this.results();
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `expected ${count} stored driver results within ${timeoutMs} ms, found ${found.length}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
