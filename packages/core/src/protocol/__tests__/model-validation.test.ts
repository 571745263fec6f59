import { findFieldProblems, formatFieldProblems, Pipeline, PipelineEvent, ResourceDefinition } from '..';
import { PIPELINE_JSON, RESULT_EVENT_JSON } from './protocol-examples';

describe('model validation', () => {
  it('reports a pipeline step without a driver with its path', () => {
    const pipeline = JSON.parse(PIPELINE_JSON);
    delete pipeline.steps[1].driver;
    expect(findFieldProblems(Pipeline, pipeline)).toEqual([
      { field: 'steps.1.driver', problem: 'is missing' },
    ]);
  });

  it('reports a pipeline whose steps are not a list', () => {
    const problems = findFieldProblems(Pipeline, { ...JSON.parse(PIPELINE_JSON), steps: 'x' });
    expect(formatFieldProblems(problems)).toMatch(/^steps: must be an array/);
  });

  it('reports a result event with a wrongly typed success flag', () => {
    const event = JSON.parse(RESULT_EVENT_JSON);
    event.driverresult.success = 'yes';
    expect(findFieldProblems(PipelineEvent, event)).toEqual([
      { field: 'driverresult.success', problem: 'must be a boolean value (got string)' },
    ]);
  });

  it('reports a definition name that cannot be a subject token', () => {
    const problems = findFieldProblems(ResourceDefinition, { name: 'my app', schema: {} });
    expect(problems[0].field).toBe('name');
    expect(problems[0].problem).toContain('whitespace');
  });
});
