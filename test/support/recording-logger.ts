import { Writable } from 'node:stream';
import type { DriverLogger, LogLabels, LogLevel } from '@conveyor-ts/core';

export interface RecordedEntry {
  level: LogLevel;
  message: string;
  labels: LogLabels;
}

/**
 * A DriverLogger that keeps every entry in memory (children and streams share the list), so tests
 * can assert what a driver logged, and that secrets were not.
 */
export class RecordingLogger implements DriverLogger {
  constructor(
    readonly entries: RecordedEntry[] = [],
    private readonly bound: LogLabels = {},
  ) {}

  get messages(): string[] {
    return this.entries.map((e) => e.message);
  }

  /** Everything logged, one entry a line, for `toContain` / `not.toContain` checks. */
  get text(): string {
    return this.messages.join('\n');
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
  child(labels: LogLabels): DriverLogger {
    return new RecordingLogger(this.entries, { ...this.bound, ...labels });
  }
  stream(options: { level?: LogLevel; labels?: LogLabels } = {}): Writable {
    let rest = '';
    const emit = (line: string): void => this.record(options.level ?? 'info', line, options.labels);
    return new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        lines.forEach(emit);
        done();
      },
      final: (done) => {
        if (rest) emit(rest);
        done();
      },
    });
  }

  private record(level: LogLevel, message: string, labels?: LogLabels): void {
    this.entries.push({ level, message, labels: { ...this.bound, ...labels } });
  }
}
