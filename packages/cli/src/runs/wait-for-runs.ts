import type { RunRecord } from '@conveyor-ts/core';
import type { CliContext } from '../cli-context';
import { formatStepProgress } from '../output/format-step-progress';
import { runExitCode, stalledStep } from './run-outcome';
import { watchRun } from './watch-run';

/**
 * Waits for runs with a progress line per step change (stderr), then one outcome line per run
 * (stdout); resolves with the exit code: 0 when every run succeeded, else 1.
 */
export async function waitForRuns(
  ctx: CliContext,
  runids: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<number> {
  const client = ctx.client();
  const prefix = (runid: string): string => (runids.length > 1 ? `${runid} ` : '');
  const runs = await Promise.all(
    runids.map((runid) =>
      watchRun(client, runid, {
        timeoutMs: options.timeoutMs,
        onStep: (step, run) => ctx.note(prefix(runid) + formatStepProgress(step, run, ctx.paintErr)),
      }),
    ),
  );
  for (const run of runs) ctx.print(outcomeLine(run, ctx));
  return Math.max(0, ...runs.map(runExitCode));
}

function outcomeLine(run: RunRecord, ctx: CliContext): string {
  const stalled = stalledStep(run);
  if (stalled) return `${ctx.paint('red', '✗')} run ${run.runid} stalled at ${stalled.driver}`;
  if (run.status === 'succeeded') return `${ctx.paint('green', '✓')} run ${run.runid} succeeded`;
  const failed = run.steps.find((s) => s.status === 'failed');
  return `${ctx.paint('red', '✗')} run ${run.runid} failed${failed ? ` at ${failed.driver}: ${failed.message ?? ''}` : ''}`;
}
