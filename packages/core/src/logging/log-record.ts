import { encodeJson, logEntryJson } from '../protocol/encode';
import type { LogLevel, RunLogBindings } from './driver-logger';
import type { RunLogChannel } from './run-log-channel';
import { formatWireTimestamp } from './wire-clock';

/**
 * One entry on its way to the NATS sinks. The Log JSON is made once, on first use by a sink (off
 * the caller's path), and shared by the JetStream and live sinks, which write it into their frames.
 */
export class LogRecord {
  private json: string | undefined;

  constructor(
    readonly channel: RunLogChannel,
    readonly level: LogLevel,
    readonly message: string,
    readonly micros: number,
  ) {}

  get bindings(): RunLogBindings {
    return this.channel.bindings;
  }

  /** The entry's Log JSON (protocol §3.8), made once and shared by the NATS sinks. */
  wire(): string {
    return (this.json ??= logEntryJson(
      this.channel.jsonPrefix,
      formatWireTimestamp(this.micros),
      this.message,
    ));
  }

  /** The legacy live payload `["<unix seconds>", "<message>"]` of servers up to v0.4.1. */
  legacyWire(): Uint8Array {
    return encodeJson([String(Math.floor(this.micros / 1_000_000)), this.message]);
  }
}
