import { LOG_JETSTREAM_BATCHES_IN_FLIGHT } from '../../constants';
import type { NatsTransport } from '../../nats/transport';
import type { LogRecord } from '../log-record';
import type { LogSink } from './log-sink';

/**
 * Stored logs: `logs.<run_id>` on the `logs-engine` stream, which the server persists (protocol
 * §2.5). A batch is published back to back and its PubAcks counted together, unlike the Go runtime's
 * one awaited round trip per line.
 */
export class JetStreamLogSink implements LogSink<LogRecord> {
  readonly name = 'jetstream';
  /** `publishDurableBatch` sends a whole batch before waiting, so windows of batches keep their order. */
  readonly maxBatchesInFlight = LOG_JETSTREAM_BATCHES_IN_FLIGHT;

  constructor(
    private readonly transport: NatsTransport,
    private readonly timeoutMs: number,
  ) {}

  async deliver(batch: readonly LogRecord[]): Promise<number> {
    const outcome = await this.transport.publishDurableBatch(
      batch.map((r) => ({
        subject: r.channel.logsSubject,
        data: r,
        headers: r.bindings.traceHeaders,
      })),
      { timeoutMs: this.timeoutMs },
    );
    return outcome.failed;
  }
}
