import type { Pipeline, Resource } from '@conveyor-ts/core';
import { finishStep, locateStep, newPipelineRun, startStep } from '../run-transitions';

const resource: Resource = { id: 'i', name: 'n', resource: 't', pipeline: 'p', spec: {} };
const pipeline: Pipeline = {
  name: 'p',
  resource: 't',
  steps: [{ driver: 'a' }, { driver: 'b' }, { driver: 'a' }],
};
const ok = (driver: string) => ({ success: true, message: 'ok', data: null, driver });

describe('run transitions', () => {
  it('walks a pipeline that lists a driver twice without looping on the first occurrence', () => {
    let run = startStep(newPipelineRun('r', resource, pipeline, 't0'), 0, 't1');
    run = finishStep(run, locateStep(run, 'a')!, ok('a'), 't2');
    run = startStep(run, 1, 't2');
    run = finishStep(run, locateStep(run, 'b')!, ok('b'), 't3');
    run = startStep(run, 2, 't3');
    expect(locateStep(run, 'a')).toBe(2);
    run = finishStep(run, 2, ok('a'), 't4');
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('fails the run on a failed step and leaves later steps pending', () => {
    const run = finishStep(
      startStep(newPipelineRun('r', resource, pipeline, 't0'), 0, 't1'),
      0,
      { ...ok('a'), success: false, message: 'no' },
      't2',
    );
    expect([run.status, run.steps[0].message, run.steps[1].status]).toEqual(['failed', 'no', 'pending']);
  });

  it('starts a step only once', () => {
    const run = startStep(newPipelineRun('r', resource, pipeline, 't0'), 0, 't1');
    expect(startStep(run, 0, 't9').steps[0].startedAt).toBe('t1');
  });
});
