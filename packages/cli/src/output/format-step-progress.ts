import type { RunRecord, RunStep } from '@conveyor-ts/core';
import type { Colour, Paint } from './terminal';

/** The mark and colour of each step status, shared by `runs` and the progress lines. */
export const STEP_MARKS: Record<RunStep['status'], [string, Colour]> = {
  pending: ['·', 'dim'],
  running: ['…', 'yellow'],
  stalled: ['⏸', 'red'],
  succeeded: ['✓', 'green'],
  failed: ['✗', 'red'],
};

/** One progress line for a step that changed: `✓ [1/2] Build (builder) succeeded: built`. */
export function formatStepProgress(step: RunStep, run: RunRecord, paint: Paint): string {
  const [mark, colour] = STEP_MARKS[step.status];
  const label = step.name ? `${step.name} (${step.driver})` : step.driver;
  const detail = step.message ? `: ${step.message}` : '';
  return `${paint(colour, mark)} [${step.index + 1}/${run.steps.length}] ${label} ${step.status}${detail}`;
}
