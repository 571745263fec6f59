import { setTimeout as sleep } from 'node:timers/promises';
import { ConveyorApiError, type ConveyorClient, type RunRecord } from '@conveyor-ts/core';

export interface WaitForRunOptions {
  /** Give up after this long (default 5 minutes). */
  timeoutMs?: number;
  /** Time between two reads of the run record (default 200 ms). */
  intervalMs?: number;
  signal?: AbortSignal;
}

/**
 * Reads a pipeline run's record (local control plane, `GET /runs/{runid}`) until the run has
 * succeeded or failed, and returns it. A record not there yet is waited for: the engine writes it
 * when it takes the run's init message, a moment after the resource is created.
 */
export async function waitForRun(
  client: ConveyorClient,
  runid: string,
  options: WaitForRunOptions = {},
): Promise<RunRecord> {
  const { timeoutMs = 5 * 60_000, intervalMs = 200, signal } = options;
  const deadline = Date.now() + timeoutMs;
  let last: RunRecord | undefined;
  for (;;) {
    last = await readRun(client, runid, signal);
    if (last?.status === 'succeeded' || last?.status === 'failed') return last;
    if (Date.now() >= deadline)
      throw new Error(`run ${runid} not finished after ${timeoutMs} ms: ${describe(last)}`);
    await sleep(intervalMs, undefined, { signal });
  }
}

async function readRun(
  client: ConveyorClient,
  runid: string,
  signal?: AbortSignal,
): Promise<RunRecord | undefined> {
  try {
    return await client.getRun(runid, { signal });
  } catch (error) {
    if (error instanceof ConveyorApiError && error.notFound) return undefined;
    throw error;
  }
}

function describe(run: RunRecord | undefined): string {
  if (!run) return 'the control plane has no record of it';
  const current = run.steps.find((s) => s.status !== 'succeeded');
  return current ? `${run.status}, step "${current.driver}" ${current.status}` : run.status;
}
