import type { NatsTransport } from '../../nats/transport';
import type { LogRecord } from '../log-record';
import type { LogSink } from './log-sink';

/** Where and what a core NATS log sink publishes for one entry. */
export interface LivePublishFormat {
  subject(record: LogRecord): string;
  data(record: LogRecord): Uint8Array;
}

/**
 * A core NATS sink (not stored, fire and forget): the live subject, and the legacy one. An entry
 * fails when the client refuses it (connection closed, payload above max_payload).
 */
export class LivePublishSink implements LogSink<LogRecord> {
  constructor(
    readonly name: string,
    private readonly transport: NatsTransport,
    private readonly format: LivePublishFormat,
  ) {}

  deliver(batch: readonly LogRecord[]): Promise<number> {
    let failed = 0;
    for (const record of batch) {
      try {
        this.transport.publish(
          this.format.subject(record),
          this.format.data(record),
          record.bindings.traceHeaders,
        );
      } catch {
        failed++;
      }
    }
    return Promise.resolve(failed);
  }
}
