import { connect, createInbox, type NatsConnection } from 'nats';
import { Subjects } from '../../packages/core/src';
import type { RunLog } from './loop-under-test';

const encoder = new TextEncoder();

/**
 * Run logs as a careful hand-written nats.js client would send them: on a connection of their own,
 * each line a plain publish of its Log JSON to `logs.<run_id>` with one shared reply inbox (the
 * PubAcks counted by one subscription, nothing awaited per line) plus its live publish.
 */
export class HandWrittenRunLog {
  private sent = 0;
  private acked = 0;
  private wake: (() => void) | undefined;

  private constructor(
    private readonly connection: NatsConnection,
    private readonly inbox: string,
  ) {
    connection.subscribe(inbox, {
      callback: () => {
        this.acked++;
        if (this.acked >= this.sent) this.wake?.();
      },
    });
  }

  static async connect(url: string, name: string): Promise<HandWrittenRunLog> {
    const connection = await connect({ servers: url, name, noAsyncTraces: true });
    return new HandWrittenRunLog(connection, createInbox());
  }

  forRun(runId: string, driver: string, pipeline: string): RunLog {
    const stored = Subjects.logs(runId);
    const live = Subjects.liveLogs(runId, driver);
    return {
      info: (message: string) => {
        const timestamp = new Date().toISOString();
        const data = encoder.encode(JSON.stringify({ runid: runId, driver, pipeline, timestamp, message }));
        this.sent++;
        this.connection.publish(stored, data, { reply: this.inbox });
        this.connection.publish(live, data);
      },
    };
  }

  /** Waits for every line's PubAck (as the framework's stop() flushes its sinks), then closes. */
  async close(): Promise<void> {
    if (this.acked < this.sent) await new Promise<void>((resolve) => (this.wake = resolve));
    await this.connection.drain();
  }
}
