import { PassThrough, type Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import type { NatsTransport } from '../nats/transport';
import type { DriverLogger, LogLabels, RunLogBindings } from './driver-logger';
import type { LogPipeline } from './log-pipeline';

export interface LogPipelineOptions {
  /** Minimum level written (default `info`). */
  level?: string;
}

/**
 * Minimal pipeline: pino to stdout only. The NATS, Loki and legacy sinks arrive with the logger issue.
 */
export function createLogPipeline(
  _transport: NatsTransport | undefined,
  options: LogPipelineOptions = {},
): LogPipeline {
  const root = pino({ level: options.level ?? 'info' });
  return {
    forRun: (bindings: RunLogBindings) => wrap(root.child({ ...bindings })),
    process: wrap(root.child({ component: 'runtime' })),
    flush: async () => root.flush(),
    close: async () => root.flush(),
  };
}

function wrap(logger: Logger): DriverLogger {
  return {
    debug: (message, labels) => logger.debug(labels ?? {}, message),
    info: (message, labels) => logger.info(labels ?? {}, message),
    warn: (message, labels) => logger.warn(labels ?? {}, message),
    error: (message, labels) => logger.error(labels ?? {}, message),
    log: (labels: LogLabels, message: string) => logger.info(labels, message),
    child: (labels) => wrap(logger.child(labels)),
    stream: (options): Writable => {
      const stream = new PassThrough();
      let rest = '';
      stream.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) logger[options?.level ?? 'info'](options?.labels ?? {}, line);
      });
      stream.on('end', () => rest && logger[options?.level ?? 'info'](options?.labels ?? {}, rest));
      return stream;
    },
  };
}
