import type { Writable } from 'node:stream';

/** A label value: JSON-like data. Nested objects (request headers...) are redacted by path. */
export type LogLabelValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly LogLabelValue[]
  | { readonly [key: string]: LogLabelValue };

/** Extra key/values attached to log entries (kept on stdout and Loki; the server keeps only the message). */
export type LogLabels = Record<string, LogLabelValue>;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * The logger a reconcile gets, bound to its driver, run id, event, message id and pipeline.
 * Calls never throw and never wait on the network.
 */
export interface DriverLogger {
  debug(message: string, labels?: LogLabels): void;
  info(message: string, labels?: LogLabels): void;
  warn(message: string, labels?: LogLabels): void;
  error(message: string, labels?: LogLabels): void;
  /** The Go runtime's `Log(labels, message)`, at info level. */
  log(labels: LogLabels, message: string): void;
  /**
   * Reports how far the reconcile is (0..1) and what it is doing, as a log line the CLI and dashboard
   * draw as a progress bar. Throttled: call it as often as you like.
   */
  progress(fraction: number, note?: string): void;
  /** A logger whose entries carry these labels too. */
  child(labels: LogLabels): DriverLogger;
  /** A writable stream that turns text (a child process's stdout/stderr) into one entry per line. */
  stream(options?: { level?: LogLevel; labels?: LogLabels }): Writable;
}

/** What a run's logger is bound to. */
export interface RunLogBindings {
  driver: string;
  runId: string;
  event: string;
  messageId: string;
  /** `resource.pipeline`, or '' for broadcast resources. */
  pipeline: string;
  /** Trace context the run's entries carry as NATS headers (tracing on). */
  traceHeaders?: Readonly<Record<string, string>>;
}
