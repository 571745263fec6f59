import type { Writable } from 'node:stream';

/** Whether a stream gets colour: a TTY, unless NO_COLOR is set; FORCE_COLOR forces it on. */
export function colourEnabled(stream: Writable & { isTTY?: boolean }, env = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && !['', '0', 'false'].includes(env.FORCE_COLOR)) return true;
  return stream.isTTY === true;
}

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
} as const;

export type Colour = keyof typeof CODES;

/** Wraps text in an ANSI style when colour is on. */
export type Paint = (colour: Colour, text: string) => string;

export function painter(enabled: boolean): Paint {
  return (colour, text) => (enabled ? `\u001b[${CODES[colour][0]}m${text}\u001b[${CODES[colour][1]}m` : text);
}

const DRIVER_COLOURS: Colour[] = ['cyan', 'magenta', 'yellow', 'blue', 'green'];

/** A stable colour per driver name, so one driver's lines always look the same. */
export function driverColour(driver: string): Colour {
  let hash = 0;
  for (const c of driver) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return DRIVER_COLOURS[hash % DRIVER_COLOURS.length];
}
