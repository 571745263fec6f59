import type { ConveyorClient, RunRecord } from '@conveyor-ts/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOGS_TRAILING_GRACE_MS } from '../constants';
import { watchRun, type WatchRunOptions } from './watch-run';

/**
 * Aborts `stop` once the run settles (after a short grace for its last log lines) and resolves with
 * the run; resolves with undefined if `stop` fired first.
 */
export async function abortWhenSettled(
  client: ConveyorClient,
  runid: string,
  stop: AbortController,
  onStep?: WatchRunOptions['onStep'],
): Promise<RunRecord | undefined> {
  const run = await watchRun(client, runid, { signal: stop.signal, onStep });
  if (stop.signal.aborted) return undefined;
  await sleep(LOGS_TRAILING_GRACE_MS, undefined, { signal: stop.signal }).catch(() => undefined);
  stop.abort();
  return run;
}
