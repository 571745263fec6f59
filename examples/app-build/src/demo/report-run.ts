import type { RunRecord } from '@conveyor-ts/core';
import type { DemoConsole } from './demo-console';

/** Prints a finished run's outcome: commit, image and digest, or the failed step and why. */
export function reportRun(run: RunRecord, out: DemoConsole): void {
  const pipeline = `Pipeline ${run.pipeline ?? ''} (run ${run.runid})`;
  if (run.status === 'succeeded') {
    const data = Object.assign({}, ...run.steps.map((s) => s.data)) as Record<string, string>;
    out.heading(`${out.paint('green', '✓')} ${pipeline} succeeded`);
    out.field('commit', data.commit);
    out.field('image', data.image);
    out.field('digest', data.digest, 'green');
    return;
  }
  const failed = run.steps.find((s) => s.status === 'failed');
  out.heading(`${out.paint('red', '✗')} ${pipeline} ${run.status}`);
  if (!failed) return;
  const name = failed.name ? `"${failed.name}" ` : '';
  out.line(`  step ${failed.index + 1} of ${run.steps.length} ${name}(${failed.driver}) failed:`);
  out.line(`  ${out.paint('red', failed.message ?? 'no message')}`);
}
