import { stripVTControlCharacters } from 'node:util';

/** Lays rows out in columns padded to the widest cell (ANSI codes do not count towards the width). */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const visible = (s: string): number => stripVTControlCharacters(s).length;
  const widths = header.map((h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i] - visible(cell))))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
