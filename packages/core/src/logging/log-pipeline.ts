import type { DriverLogger, LogLabels, RunLogBindings } from './driver-logger';

/** The runtime's own log lines (connection changes, malformed messages), not tied to one run. */
export interface ProcessLogger {
  debug(message: string, labels?: LogLabels): void;
  info(message: string, labels?: LogLabels): void;
  warn(message: string, labels?: LogLabels): void;
  error(message: string, labels?: LogLabels): void;
}

/**
 * The logging side of one driver process: one root logger, per-run child loggers, and the sinks
 * behind them. Owned by the driver manager.
 */
export interface LogPipeline {
  forRun(bindings: RunLogBindings): DriverLogger;
  readonly process: ProcessLogger;
  /** Resolves when every entry logged so far has been handed to every sink. */
  flush(): Promise<void>;
  /** Flushes, then releases the sinks. Safe to call twice. */
  close(): Promise<void>;
}
