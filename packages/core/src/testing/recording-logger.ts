import type { Writable } from 'node:stream';
import type { DriverLogger, LogLabels, LogLevel } from '../logging/driver-logger';
import { createLineStream } from '../logging/line-stream';
import { formatProgressLine, progressProblem } from '../protocol/progress-line';

/** One entry a `RecordingLogger` kept: level, text and every label (a child's labels included). */
export interface RecordedLogEntry {
  level: LogLevel;
  message: string;
  labels: LogLabels;
}

/**
 * A `DriverLogger` that keeps every entry in memory, for asserting what a reconcile logged.
 * Children and streams write into their parent's `entries`, with their labels merged in.
 */
export class RecordingLogger implements DriverLogger {
  readonly entries: RecordedLogEntry[];

  constructor(
    private readonly labels: LogLabels = {},
    entries: RecordedLogEntry[] = [],
  ) {
    this.entries = entries;
  }

  debug(message: string, labels?: LogLabels): void {
    this.record('debug', message, labels);
  }

  info(message: string, labels?: LogLabels): void {
    this.record('info', message, labels);
  }

  warn(message: string, labels?: LogLabels): void {
    this.record('warn', message, labels);
  }

  error(message: string, labels?: LogLabels): void {
    this.record('error', message, labels);
  }

  log(labels: LogLabels, message: string): void {
    this.record('info', message, labels);
  }

  /** Records every call as the line it would send (no throttling), or the warning for a bad fraction. */
  progress(fraction: number, note?: string): void {
    const problem = progressProblem(fraction);
    if (problem) this.record('warn', `${problem}; ignored`);
    else this.record('info', formatProgressLine({ fraction, note }));
  }

  child(labels: LogLabels): RecordingLogger {
    return new RecordingLogger({ ...this.labels, ...labels }, this.entries);
  }

  /** Records each line like the run logger splits it (`logging/line-stream`). */
  stream(options: { level?: LogLevel; labels?: LogLabels } = {}): Writable {
    const level = options.level ?? 'info';
    return createLineStream((line) => this.record(level, line, options.labels));
  }

  /** The messages logged so far, optionally only those of one level. */
  messages(level?: LogLevel): string[] {
    return this.entries.filter((e) => level === undefined || e.level === level).map((e) => e.message);
  }

  /** Forgets every entry (shared with children). */
  clear(): void {
    this.entries.length = 0;
  }

  private record(level: LogLevel, message: string, labels?: LogLabels): void {
    this.entries.push({ level, message, labels: { ...this.labels, ...labels } });
  }
}
