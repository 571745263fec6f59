import { readStepResult, readStepResults, StepResultError, stepResultKey } from '..';

const withResult = (value: unknown) => ({
  metadata: { version: '1', [stepResultKey('git-cloner')]: value as string },
});

describe('readStepResult', () => {
  it("parses the engine's JSON string into a DriverResultEvent with typed data", () => {
    const stored = JSON.stringify({
      success: true,
      message: 'cloned',
      data: { commit: 'abc' },
      driver: 'git-cloner',
    });
    const result = readStepResult<{ commit: string }>(withResult(stored), 'git-cloner');
    expect(result).toEqual({
      success: true,
      message: 'cloned',
      data: { commit: 'abc' },
      driver: 'git-cloner',
    });
    expect(result.data.commit).toBe('abc');
  });

  it('returns failed results too, and null data as null', () => {
    const stored = JSON.stringify({ success: false, message: 'boom', data: null, driver: 'git-cloner' });
    expect(readStepResult(withResult(stored), 'git-cloner')).toEqual({
      success: false,
      message: 'boom',
      data: null,
      driver: 'git-cloner',
    });
  });

  it.each([
    ['no metadata', { metadata: null }, 'is missing: the pipeline has not run that step before this one'],
    ['no such key', { metadata: { version: '1' } }, 'is missing'],
    ['a non-string value', withResult(42), 'must be a JSON string, got number'],
    ['invalid JSON', withResult('{nope'), 'is not valid JSON'],
    ['a JSON array', withResult('[]'), 'must hold a DriverResultEvent object, got an array'],
    [
      'a missing success',
      withResult('{"message":"m","data":null,"driver":"git-cloner"}'),
      'success: is missing',
    ],
    [
      'a string success',
      withResult('{"success":"yes","message":"m","driver":"git-cloner"}'),
      'success: must be a boolean value',
    ],
    [
      'another driver',
      withResult('{"success":true,"message":"m","data":null,"driver":"other"}'),
      'names driver "other"',
    ],
  ])('refuses %s with a precise error', (_what, resource, problem) => {
    let error: unknown;
    try {
      readStepResult(resource as never, 'git-cloner');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StepResultError);
    expect((error as StepResultError).driver).toBe('git-cloner');
    expect((error as Error).message).toContain(
      'Result of step "git-cloner" (metadata["driverresults.git-cloner"])',
    );
    expect((error as StepResultError).problem).toContain(problem);
  });
});

describe('readStepResults', () => {
  it('reads every stored step result and reports an unreadable one as a failed step', () => {
    const ok = JSON.stringify({
      success: true,
      message: 'cloned',
      data: { sha: 'abc' },
      driver: 'git-cloner',
    });
    const resource = {
      metadata: {
        version: '1',
        'driverresults.git-cloner': ok,
        'driverresults.image-pusher': 'not json',
      },
    };
    expect(readStepResults(resource)).toEqual([
      { success: true, message: 'cloned', data: { sha: 'abc' }, driver: 'git-cloner' },
      {
        success: false,
        message: expect.stringContaining('is not valid JSON'),
        data: null,
        driver: 'image-pusher',
      },
    ]);
    expect(readStepResults({ metadata: { version: '1' } })).toEqual([]);
  });
});
