import pino, { type Logger } from 'pino';
import type { LogLevel } from './driver-logger';
import type { ProcessLogger } from './log-pipeline';
import type { SinkQueue } from './queue/sink-queue';

export interface RootLoggerOptions {
  level: LogLevel;
  redact: readonly string[];
  base?: Record<string, unknown>;
}

/**
 * The process's one pino logger. It formats (and redacts) each line once, then hands the line to
 * every line sink's queue (stdout, Loki); with no line sink it is silent and costs nothing.
 */
export function createRootLogger(options: RootLoggerOptions, lines: readonly SinkQueue<string>[]): Logger {
  const destination = {
    write(line: string): void {
      for (const queue of lines) queue.push(line);
    },
  };
  return pino(
    {
      level: lines.length > 0 ? options.level : 'silent',
      redact: { paths: [...options.redact], censor: '[Redacted]' },
      ...(options.base ? { base: options.base } : {}),
    },
    destination,
  );
}

/** The runtime's own logger: stdout and Loki only, since its lines belong to no run. */
export function toProcessLogger(logger: Logger): ProcessLogger {
  const write = (level: LogLevel) => (message: string, labels?: object) => {
    try {
      logger[level](labels ?? {}, message);
    } catch {
      // Logging never breaks the runtime.
    }
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
