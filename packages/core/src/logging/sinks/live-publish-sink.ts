import type { WritablePayload } from '../../nats/pub-frames';
import type { NatsTransport } from '../../nats/transport';
import type { LogRecord } from '../log-record';
import type { LogSink } from './log-sink';

/** Where and what a core NATS log sink publishes for one entry. */
export interface LivePublishFormat {
  subject(record: LogRecord): string;
  data(record: LogRecord): Uint8Array | string | WritablePayload;
}

/**
 * A core NATS sink (not stored, fire and forget): the live subject, and the legacy one. A batch is
 * written at once; an entry fails when the client refuses it (connection closed, above max_payload).
 */
export class LivePublishSink implements LogSink<LogRecord> {
  constructor(
    readonly name: string,
    private readonly transport: NatsTransport,
    private readonly format: LivePublishFormat,
  ) {}

  deliver(batch: readonly LogRecord[]): Promise<number> {
    const messages = batch.map((record) => ({
      subject: this.format.subject(record),
      data: this.format.data(record),
      headers: record.bindings.traceHeaders,
    }));
    return Promise.resolve(this.transport.publishBatch(messages));
  }
}
