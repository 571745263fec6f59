import { painter } from '../terminal';
import { createLogEntryPrinter } from '../log-entry-printer';
import { renderProgressBar } from '../progress-bar';

const plain = painter(false);
const entry = (driver: string, message: string) => ({
  runid: 'r',
  driver,
  pipeline: 'p',
  timestamp: '2026-12-01 10:00:00.000000',
  message,
});

describe('progress on the terminal', () => {
  it('draws a bar with the percentage and the note', () => {
    expect(renderProgressBar({ fraction: 0.375, note: 'cloning' }, plain, 8)).toBe(
      '[███░░░░░]  37.5% cloning',
    );
    expect(renderProgressBar({ fraction: 1 }, plain, 4)).toBe('[████] 100.0%');
  });

  it('prints progress lines as bars, one per line off a terminal', () => {
    let out = '';
    const print = createLogEntryPrinter({ write: (t) => (out += t), paint: plain, interactive: false });
    print(entry('build', '[progress 50%] compiling'));
    print(entry('build', 'compiled'));
    expect(out.split('\n')).toEqual([
      '2026-12-01 10:00:00.000000 build | [████████████░░░░░░░░░░░░]  50.0% compiling',
      '2026-12-01 10:00:00.000000 build | compiled',
      '',
    ]);
  });

  it("redraws a driver's bar in place on a terminal, and ends it before other lines", () => {
    let out = '';
    const print = createLogEntryPrinter({ write: (t) => (out += t), paint: plain, interactive: true });
    print(entry('build', '[progress 10%]'));
    print(entry('build', '[progress 20%]'));
    print(entry('build', 'done'));
    const lines = out.split('\n');
    expect(lines[0]).toContain('\r\u001b[2K');
    expect(lines[0].split('\r\u001b[2K')[1]).toContain('20.0%');
    expect(lines[1]).toBe('2026-12-01 10:00:00.000000 build | done');
  });
});
