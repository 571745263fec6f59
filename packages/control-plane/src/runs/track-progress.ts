import { parseProgressLine, type LogEntry } from '@conveyor-ts/core';
import type { Services } from '../services';
import { recordProgress } from './run-transitions';

/** A stored progress line (`logger.progress()`) becomes the latest progress of its step in the run record. */
export async function trackProgress(
  services: Pick<Services, 'runs' | 'now'>,
  entry: LogEntry,
): Promise<void> {
  const progress = parseProgressLine(entry.message);
  if (!progress) return;
  await services.runs.update(entry.runid, (run) =>
    recordProgress(run, entry.driver, progress, services.now()),
  );
}
