import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { DriverLogger, LogLabels, LogLevel } from './driver-logger';
import type { RunLogChannel } from './run-log-channel';
import { createLineStream } from './line-stream';
import { LogRecord } from './log-record';
import { ProgressThrottle } from './progress-throttle';
import { progressProblem } from '../protocol/progress-line';
import type { SinkQueue } from './queue/sink-queue';
import type { WireClock } from './wire-clock';
import { describeThrown } from '../errors/describe-thrown';

/** pino's numeric levels, for the one comparison on the hot path. */
export const LEVEL_VALUES: Record<LogLevel, number> = { debug: 20, info: 30, warn: 40, error: 50 };

/** What every run logger of a pipeline writes to. */
export interface RunLogTargets {
  readonly minLevel: number;
  readonly clock: WireClock;
  /** The NATS sinks' queues: they take the run's entries without labels (protocol §3.8). */
  readonly records: readonly SinkQueue<LogRecord>[];
}

/**
 * The logger a reconcile gets. A call costs a level check, one small object pushed onto each NATS
 * queue, and a pino call (redaction, JSON) when stdout or Loki is on; it never waits and never throws.
 */
export class RunLogger implements DriverLogger {
  private pinoLogger: Logger | undefined;

  constructor(
    private readonly targets: RunLogTargets,
    private readonly channel: RunLogChannel,
    /** Makes the run's pino child (stdout, Loki) on first use: most runs of a busy driver log nothing. */
    private readonly makePino: (() => Logger) | undefined,
    /** One throttle per run, shared with children: a child cannot double the rate of progress lines. */
    private progressOf?: { throttle?: ProgressThrottle },
  ) {}

  debug(message: string, labels?: LogLabels): void {
    this.write('debug', message, labels);
  }

  info(message: string, labels?: LogLabels): void {
    this.write('info', message, labels);
  }

  warn(message: string, labels?: LogLabels): void {
    this.write('warn', message, labels);
  }

  error(message: string, labels?: LogLabels): void {
    this.write('error', message, labels);
  }

  log(labels: LogLabels, message: string): void {
    this.write('info', message, labels);
  }

  progress(fraction: number, note?: string): void {
    const problem = progressProblem(fraction);
    if (problem) return this.write('warn', `${problem}; ignored`, undefined);
    const shared = (this.progressOf ??= {});
    shared.throttle ??= new ProgressThrottle((line) => this.write('info', line, undefined));
    shared.throttle.report(note ? { fraction, note } : { fraction });
  }

  child(labels: LogLabels): DriverLogger {
    const parent = this.makePino && (() => this.pino()!.child(labels));
    return new RunLogger(this.targets, this.channel, parent, (this.progressOf ??= {}));
  }

  stream(options: { level?: LogLevel; labels?: LogLabels } = {}): Writable {
    const level = options.level ?? 'info';
    return createLineStream((line) => this.write(level, line, options.labels));
  }

  private write(level: LogLevel, message: string, labels: LogLabels | undefined): void {
    if (LEVEL_VALUES[level] < this.targets.minLevel) return;
    try {
      const text = typeof message === 'string' ? message : describeThrown(message);
      const { records } = this.targets;
      if (records.length > 0) {
        const record = new LogRecord(this.channel, level, text, this.targets.clock.nowMicros());
        for (const queue of records) queue.push(record);
      }
      const pino = this.pino();
      if (pino) {
        if (labels) pino[level](labels, text);
        else pino[level](text);
      }
    } catch {
      // Logging never breaks a reconcile.
    }
  }

  private pino(): Logger | undefined {
    if (!this.pinoLogger && this.makePino) this.pinoLogger = this.makePino();
    return this.pinoLogger;
  }
}
