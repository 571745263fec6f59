import type { RunRecord, RunStep } from '@conveyor-ts/core';
import { formatStepProgress } from '../../output/format-step-progress';
import { painter } from '../../output/terminal';
import { runExitCode, runSettled } from '../run-outcome';

const run = (status: RunRecord['status'], steps: Array<Partial<RunStep>>): RunRecord => ({
  runid: 'r1',
  resource: { type: 't', name: 'n', id: 'i' },
  status,
  createdAt: '',
  updatedAt: '',
  steps: steps.map((s, index) => ({ index, driver: `d${index}`, status: 'pending', ...s })),
});

describe('run outcome', () => {
  it('settles on success, failure, or a stalled step, with exit code 0 only for success', () => {
    expect([runSettled(run('succeeded', [])), runExitCode(run('succeeded', []))]).toEqual([true, 0]);
    expect([runSettled(run('failed', [])), runExitCode(run('failed', []))]).toEqual([true, 1]);
    const stalled = run('running', [{ status: 'succeeded' }, { status: 'stalled' }]);
    expect([runSettled(stalled), runExitCode(stalled)]).toEqual([true, 1]);
    expect(runSettled(run('running', [{ status: 'running' }]))).toBe(false);
  });

  it('prints one progress line per step', () => {
    const r = run('running', [{ name: 'Build', status: 'succeeded', message: 'built' }, {}]);
    expect(formatStepProgress(r.steps[0], r, painter(false))).toBe('✓ [1/2] Build (d0) succeeded: built');
    expect(formatStepProgress(r.steps[1], r, painter(false))).toBe('· [2/2] d1 pending');
  });
});
