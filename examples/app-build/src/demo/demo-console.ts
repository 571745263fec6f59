import { colourEnabled, formatLogEntry, painter, type Colour, type Paint } from '@conveyor-ts/cli';
import type { LogEntry } from '@conveyor-ts/core';

/**
 * The demo's terminal output: progress notes, the run's log lines (coloured by driver, as
 * `conveyor logs` prints them) and the outcome. Colour only on a terminal; NO_COLOR and
 * FORCE_COLOR are honoured. Problems go to stderr.
 */
export class DemoConsole {
  readonly paint: Paint;
  constructor(
    private readonly out: NodeJS.WriteStream = process.stdout,
    private readonly err: NodeJS.WriteStream = process.stderr,
  ) {
    this.paint = painter(colourEnabled(out));
    // A reader that goes away (`npm run demo | head`) must not crash the demo before its teardown.
    for (const stream of [out, err]) stream.on('error', () => undefined);
  }

  /** `▸ what… done (detail)`: runs `action` and reports it, with its duration. */
  async step<T>(what: string, action: () => Promise<T>, detail?: (value: T) => string): Promise<T> {
    const started = Date.now();
    const value = await action();
    const extra = detail ? `: ${detail(value)}` : '';
    this.line(
      `${this.paint('green', '✓')} ${what}${extra} ${this.paint('dim', seconds(Date.now() - started))}`,
    );
    return value;
  }

  line(text: string): void {
    this.out.write(`${text}\n`);
  }

  heading(text: string): void {
    this.line(`\n${this.paint('bold', text)}`);
  }

  log(entry: LogEntry): void {
    this.line(`  ${formatLogEntry(entry, this.paint)}`);
  }

  field(name: string, value: string, colour: Colour = 'bold'): void {
    this.line(`  ${name.padEnd(7)} ${this.paint(colour, value)}`);
  }

  problem(text: string): void {
    const paint = painter(colourEnabled(this.err));
    this.err.write(`${paint('red', '✗')} ${text}\n`);
  }

  /** Wall-clock time since the process started (ts-node's compile included), e.g. `7.4 s`. */
  elapsed(): string {
    return seconds(process.uptime() * 1000).slice(1, -1);
  }
}

function seconds(ms: number): string {
  return `(${(ms / 1000).toFixed(1)} s)`;
}
