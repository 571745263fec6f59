import type { ConveyorClient, RunRecord, RunStep } from '@conveyor-ts/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError, ExitCode } from '../cli-error';
import { RUN_POLL_INTERVAL_MS } from '../constants';
import { lookupRun } from './lookup-run';
import { runSettled } from './run-outcome';

export interface WatchRunOptions {
  /** Called once for every step whose status changed since the last look (the first look reports all started steps). */
  onStep?(step: RunStep, run: RunRecord): void;
  /** Stop watching (resolves with the run as last seen). */
  signal?: AbortSignal;
  /** Give up after this long (CliError with ExitCode.timeout). */
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls a run until it settles and resolves with its last record. Step changes go to `onStep`: the
 * hook progress displays build on.
 */
export async function watchRun(
  client: ConveyorClient,
  runid: string,
  options: WatchRunOptions = {},
): Promise<RunRecord> {
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  const seen = new Map<number, RunStep['status']>();
  for (;;) {
    const run = await fetchRun(client, runid);
    if (run.status === 'dispatched')
      throw new CliError(
        `run ${runid} has no pipeline: each driver of ${run.resource.type} answers on its own and the run never ends`,
        ExitCode.usage,
      );
    for (const step of run.steps) {
      const before = seen.get(step.index) ?? 'pending';
      seen.set(step.index, step.status);
      if (step.status !== before) options.onStep?.(step, run);
    }
    if (runSettled(run) || options.signal?.aborted) return run;
    if (Date.now() >= deadline)
      throw new CliError(`run ${runid} is still ${run.status} after the timeout`, ExitCode.timeout);
    await sleep(options.intervalMs ?? RUN_POLL_INTERVAL_MS, undefined, { signal: options.signal }).catch(
      () => undefined,
    );
  }
}

async function fetchRun(client: ConveyorClient, runid: string): Promise<RunRecord> {
  const found = await lookupRun(client, runid);
  if (found.kind === 'found') return found.run;
  if (found.kind === 'unknown') throw new CliError(`run ${runid} not found`, ExitCode.failure);
  throw new CliError(
    `the server at ${client.apiUrl} records no runs (GET /runs is served by the local control plane, conveyor dev)`,
    ExitCode.usage,
  );
}
