import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { prettyFactory } from 'pino-pretty';
import type { LogSink } from './log-sink';

export interface StdoutSinkOptions {
  /** Human-readable lines; default: when the destination is a terminal. */
  pretty?: boolean;
  /** Default `process.stdout`. */
  destination?: Writable;
}

/** pino's JSON lines on stdout (or another stream), pretty-printed on a terminal. */
export class StdoutLogSink implements LogSink<string> {
  readonly name = 'stdout';
  private readonly destination: Writable;
  private readonly prettify: ((line: string) => string) | undefined;

  constructor(options: StdoutSinkOptions = {}) {
    this.destination = options.destination ?? process.stdout;
    const tty = (this.destination as Writable & { isTTY?: boolean }).isTTY === true;
    this.prettify = (options.pretty ?? tty) ? prettyFactory({ colorize: tty }) : undefined;
  }

  async deliver(batch: readonly string[]): Promise<number> {
    const text = this.prettify ? batch.map(this.prettify).join('') : batch.join('');
    // A slow reader only slows this sink's queue, which drops beyond its bound.
    if (!this.destination.write(text)) await once(this.destination, 'drain');
    return 0;
  }
}
