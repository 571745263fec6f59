import type { RunRecord, RunStep } from '@conveyor-ts/core';
import { ExitCode } from '../cli-error';

/** A step that will never finish: its driver has no consumer, so its message was not kept (protocol §2.1). */
export const stalledStep = (run: RunRecord): RunStep | undefined =>
  run.steps.find((s) => s.status === 'stalled');

/** True once nothing more will happen to the run: it succeeded, failed, or a step stalled. */
export function runSettled(run: RunRecord): boolean {
  return run.status === 'succeeded' || run.status === 'failed' || stalledStep(run) !== undefined;
}

/** The exit code a settled run stands for: 0 when it succeeded, 1 otherwise. */
export function runExitCode(run: RunRecord): number {
  return run.status === 'succeeded' ? ExitCode.ok : ExitCode.failure;
}
