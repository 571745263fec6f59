import { formatLogEntry } from '../format-log-entry';
import { painter } from '../terminal';

const entry = (message: string, driver = 'builder') => ({
  runid: 'run',
  driver,
  pipeline: 'ci',
  timestamp: '2026-12-01T10:00:00.000Z',
  message,
});
const plain = painter(false);

describe('formatLogEntry', () => {
  it('prints an ordinary line as it is, tabs and newlines included', () => {
    expect(formatLogEntry(entry('step 1\tok\nstep 2'), plain)).toBe(
      '2026-12-01T10:00:00.000Z builder | step 1\tok\nstep 2',
    );
  });

  it.each([
    ['a colour sequence', 'red \x1b[31malert\x1b[0m', 'red \\x1b[31malert\\x1b[0m'],
    ['a window-title sequence', '\x1b]0;owned\x07', '\\x1b]0;owned\\x07'],
    ['a carriage return that would overwrite the line', 'failed\rpassed', 'failed\\x0dpassed'],
    ['a one-byte CSI', 'a\x9b2Jb', 'a\\x9b2Jb'],
    ['a bidirectional override', 'user\u202egnp.exe', 'user\\u202egnp.exe'],
    ['a backspace and DEL', 'x\b\x7f', 'x\\x08\\x7f'],
  ])('shows %s escaped instead of passing it to the terminal', (_case, message, shown) => {
    const line = formatLogEntry(entry(message), plain);
    expect(line).toBe(`2026-12-01T10:00:00.000Z builder | ${shown}`);
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\x1b\x9b\r\u202e\x07\x08\x7f]/);
  });

  it('escapes the driver name too, and keeps its own colour codes', () => {
    const line = formatLogEntry(entry('hi', 'evil\x1b[2J'), painter(true));
    expect(line).toContain('evil\\x1b[2J');
    expect(line.split('\x1b').length - 1).toBe(4); // dim and driver colour, each opened and reset
  });
});
