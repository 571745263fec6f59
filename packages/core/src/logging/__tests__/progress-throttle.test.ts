import { ProgressThrottle } from '../progress-throttle';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ProgressThrottle', () => {
  it('sends a tight loop as a handful of lines: the first, the latest after the interval, and 100%', async () => {
    const sent: string[] = [];
    const throttle = new ProgressThrottle((line) => sent.push(line), 50);
    for (let i = 0; i < 10_000; i++) throttle.report({ fraction: i / 20_000 });
    expect(sent).toEqual(['[progress 0%]']);
    await sleep(120);
    expect(sent).toEqual(['[progress 0%]', '[progress 50%]']);
    throttle.report({ fraction: 0.6 });
    throttle.report({ fraction: 1, note: 'done' });
    expect(sent.at(-1)).toBe('[progress 100%] done');
    await sleep(120);
    expect(sent).toHaveLength(4);
  });

  it('does not repeat the line it sent last', async () => {
    const sent: string[] = [];
    const throttle = new ProgressThrottle((line) => sent.push(line), 10);
    throttle.report({ fraction: 0.5 });
    await sleep(30);
    throttle.report({ fraction: 0.5 });
    expect(sent).toEqual(['[progress 50%]']);
  });
});
