import { formatProgressLine, parseProgressLine, progressProblem } from '../progress-line';

describe('progress lines', () => {
  it('reads back what it writes, to a tenth of a percent', () => {
    expect(formatProgressLine({ fraction: 0.4237, note: 'cloning repository' })).toBe(
      '[progress 42.4%] cloning repository',
    );
    expect(parseProgressLine('[progress 42.4%] cloning repository')).toEqual({
      fraction: 0.424,
      note: 'cloning repository',
    });
    expect(parseProgressLine(formatProgressLine({ fraction: 1 }))).toEqual({ fraction: 1 });
  });

  it('leaves other lines alone', () => {
    for (const line of ['progress 42%', '[progress 101%]', '[progress 4x%]', 'built [progress 5%]'])
      expect(parseProgressLine(line)).toBeUndefined();
  });

  it('names a fraction that is not one', () => {
    expect(progressProblem(0.5)).toBeUndefined();
    expect(progressProblem(1.5)).toBe('progress() needs a fraction from 0 to 1, got 1.5');
    expect(progressProblem(Number.NaN)).toBe('progress() needs a fraction from 0 to 1, got NaN');
    expect(progressProblem('half')).toBe('progress() needs a fraction from 0 to 1, got "half"');
  });
});
