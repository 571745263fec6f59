import type { LogLevel } from './driver-logger';
import type { SinkQueueOptions } from './queue/sink-queue-options';
import type { LokiSinkOptions } from './sinks/loki-sink';
import type { StdoutSinkOptions } from './sinks/stdout-sink';

/** Turns a sink on or off; an object turns it on with these settings. */
export type SinkSwitch<T = object> = boolean | (T & SinkQueueOptions);

/** Which sinks a pipeline feeds, and how. */
export interface LogSinksOptions {
  /** JetStream `logs.<run_id>`, stored by the server. Default on (when there is a NATS transport). */
  jetstream?: SinkSwitch<{ publishTimeoutMs?: number }>;
  /** Core NATS `live.logs.<run_id>.<driver>`, followed live. Default on (with a NATS transport). */
  live?: SinkSwitch;
  /** Core NATS `driver:<driver>:logs:<run_id>` for servers up to v0.4.1. Default off. */
  legacy?: SinkSwitch;
  /** stdout: pretty on a terminal, JSON lines otherwise. Default on. */
  stdout?: SinkSwitch<StdoutSinkOptions>;
  /** Grafana Loki; on when a URL is given here, in `lokiUrl`, or in `LOKI_URL`. `false` forces it off. */
  loki?: false | (Partial<LokiSinkOptions> & SinkQueueOptions);
}

export interface LogPipelineOptions {
  /** Minimum level written to every sink (default `info`). */
  level?: LogLevel;
  /** Loki base URL; falls back to the `LOKI_URL` environment variable. */
  lokiUrl?: string;
  sinks?: LogSinksOptions;
  /**
   * Label paths whose values are replaced by `[Redacted]` on stdout and Loki (pino redaction
   * syntax). Replaces the defaults; extend them with `[...DEFAULT_REDACT_PATHS, 'mine']`.
   */
  redact?: readonly string[];
  /** Defaults for every sink queue; a sink's own settings win. */
  queue?: SinkQueueOptions;
  /** How long `close()` waits for the sinks to flush. */
  flushTimeoutMs?: number;
  /** Lost-entry counts are reported to `onDrop` listeners at most this often per sink. */
  dropReportIntervalMs?: number;
  /** Fields of the pino root logger that appear on every stdout/Loki line (default pid and hostname). */
  base?: Record<string, unknown>;
}

/** Secrets that show up in labels: authorization headers, tokens, passwords, at the top and one level down. */
export const DEFAULT_REDACT_PATHS: readonly string[] = [
  'authorization',
  'Authorization',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'apiKey',
  '*.authorization',
  '*.Authorization',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.apiKey',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'headers.cookie',
  '*.headers.cookie',
];
