import { cpus, loadavg, release, totalmem, type } from 'node:os';
import type { Machine } from '../report/bench-report';

/** What the figures were measured on. */
export function describeMachine(natsServer: string, loadAtStart: number): Machine {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    natsServer,
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
  };
}
