import type { DriverLogger, LogLabels, RunLogBindings } from './driver-logger';

/** The runtime's own log lines (connection changes, malformed messages), not tied to one run. */
export interface ProcessLogger {
  debug(message: string, labels?: LogLabels): void;
  info(message: string, labels?: LogLabels): void;
  warn(message: string, labels?: LogLabels): void;
  error(message: string, labels?: LogLabels): void;
}

/** What one sink did with the entries it was given. */
export interface SinkStats {
  /** Handed over successfully (stored by JetStream, published, written, pushed). */
  delivered: number;
  /** Refused because the sink's bounded queue was full (or the pipeline closed). */
  dropped: number;
  /** Given to the sink, which could not deliver them (no stream, no connection, push failed). */
  failed: number;
  /** Waiting in the queue or being delivered right now. */
  queued: number;
}

/** Called with entries lost by a sink (dropped or failed), coalesced per sink and reporting interval. */
export type LogDropListener = (sink: string, count: number) => void;

/**
 * The logging side of one driver process: one root logger, per-run child loggers, and the sinks
 * behind them. Owned by the driver manager.
 */
export interface LogPipeline {
  forRun(bindings: RunLogBindings): DriverLogger;
  readonly process: ProcessLogger;
  /** Counters per enabled sink, by sink name (`jetstream`, `live`, `legacy`, `loki`, `stdout`). */
  stats(): Record<string, SinkStats>;
  /**
   * Undefined while the run-log sinks that ship over NATS keep up; while one's queue is more than
   * half full, a promise that resolves once it is not. The runtime starts no reconcile meanwhile, so
   * a driver that logs faster than its lines are shipped is slowed instead of losing lines. A sink
   * that has stored nothing for `LOG_SINK_PROGRESS_MS` (down, not slow) holds nothing back. A custom
   * pipeline may leave it out.
   */
  untilCaughtUp?(): Promise<void> | undefined;
  /** Subscribes to lost entries; returns the unsubscribe function. */
  onDrop(listener: LogDropListener): () => void;
  /** Resolves when every entry logged so far has been handed to every sink (or failed). */
  flush(): Promise<void>;
  /** Flushes (bounded by the flush timeout), then releases the sinks. Safe to call twice. */
  close(): Promise<void>;
}
