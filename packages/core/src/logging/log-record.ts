import type { WritablePayload } from '../nats/pub-frames';
import { encodeJson } from '../protocol/encode';
import { LogEntryWriter } from '../protocol/log-entry-writer';
import type { LogLevel, RunLogBindings } from './driver-logger';
import type { RunLogChannel } from './run-log-channel';

/**
 * One entry on its way to the NATS sinks, and its Log JSON payload: each sink writes the JSON
 * straight into its frames, so a line that waits in the queues holds no wire form of its own (a
 * cached string kept every queued line's JSON alive through the scavenges, about 150 bytes each).
 */
export class LogRecord implements WritablePayload {
  /** The message as `JSON.stringify` writes it, only for one that needs escaping. */
  private escaped: string | undefined;
  private bytes = -1;

  constructor(
    readonly channel: RunLogChannel,
    readonly level: LogLevel,
    readonly message: string,
    readonly micros: number,
  ) {}

  get bindings(): RunLogBindings {
    return this.channel.bindings;
  }

  /** Bytes of the entry's Log JSON (protocol §3.8); measured once, for both NATS sinks. */
  byteLength(): number {
    if (this.bytes < 0) {
      this.escaped = LogEntryWriter.escapedMessage(this.message);
      this.bytes = this.channel.entries.byteLength(this.message, this.escaped);
    }
    return this.bytes;
  }

  writeTo(out: Buffer, at: number): number {
    this.byteLength();
    return this.channel.entries.write(out, at, this.micros, this.message, this.escaped);
  }

  /** The legacy live payload `["<unix seconds>", "<message>"]` of servers up to v0.4.1. */
  legacyWire(): Uint8Array {
    return encodeJson([String(Math.floor(this.micros / 1_000_000)), this.message]);
  }
}
