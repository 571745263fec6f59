import { PassThrough } from 'node:stream';
import { formatProgressLine, type DriverLogger, type LogLabels, type LogPipeline } from '@conveyor-ts/core';

export interface CapturedLine {
  level: string;
  message: string;
  labels: LogLabels;
}

/** A log pipeline that keeps every line in memory, so tests can assert on what was logged. */
export function captureLogs(): { pipeline: LogPipeline; lines: CapturedLine[] } {
  const lines: CapturedLine[] = [];
  const logger = (bound: LogLabels): DriverLogger => {
    const write = (level: string) => (message: string, labels?: LogLabels) =>
      lines.push({ level, message, labels: { ...bound, ...labels } });
    return {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      log: (labels, message) => write('info')(message, labels),
      progress: (fraction, note) => write('info')(formatProgressLine({ fraction, note })),
      child: (labels) => logger({ ...bound, ...labels }),
      stream: () => new PassThrough(),
    };
  };
  const pipeline = {
    forRun: (bindings: object) => logger({ ...bindings }),
    process: logger({ component: 'runtime' }),
    stats: () => ({}),
    onDrop: () => () => undefined,
    flush: async () => undefined,
    close: async () => undefined,
  } as unknown as LogPipeline;
  return { pipeline, lines };
}
