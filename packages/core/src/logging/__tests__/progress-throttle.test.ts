import { ProgressThrottle } from '../progress-throttle';

// Fake timers fake performance.now() too: the intervals are exact, whatever the machine's load.
beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('ProgressThrottle', () => {
  it('sends a tight loop as a handful of lines: the first, the latest after the interval, and 100%', () => {
    const sent: string[] = [];
    const throttle = new ProgressThrottle((line) => sent.push(line), 50);
    for (let i = 0; i < 10_000; i++) throttle.report({ fraction: i / 20_000 });
    expect(sent).toEqual(['[progress 0%]']);
    jest.advanceTimersByTime(50);
    expect(sent).toEqual(['[progress 0%]', '[progress 50%]']);
    jest.advanceTimersByTime(60);
    throttle.report({ fraction: 0.6 });
    throttle.report({ fraction: 1, note: 'done' });
    expect(sent.slice(2)).toEqual(['[progress 60%]', '[progress 100%] done']);
    jest.advanceTimersByTime(1000);
    expect(sent).toHaveLength(4);
  });

  it('does not repeat the line it sent last', () => {
    const sent: string[] = [];
    const throttle = new ProgressThrottle((line) => sent.push(line), 10);
    throttle.report({ fraction: 0.5 });
    jest.advanceTimersByTime(30);
    throttle.report({ fraction: 0.5 });
    expect(sent).toEqual(['[progress 50%]']);
  });
});
