import { ConveyorClient } from '@conveyor-ts/core';
import { colourEnabled, painter, type Paint } from './output/terminal';

/** Global options of every command. */
export interface GlobalOptions {
  apiUrl?: string;
  color?: boolean;
}

/** What a command needs: the client, the output streams and whether to paint them. */
export interface CliContext {
  client(): ConveyorClient;
  print(line: string): void;
  /** Progress and notes for humans: stderr, so stdout stays parseable. */
  note(line: string): void;
  paint: Paint;
  paintErr: Paint;
  /** True when stdout is a terminal (colour, progress). */
  interactive: boolean;
}

export function createContext(options: GlobalOptions): CliContext {
  const colour = options.color !== false;
  return {
    client: () => new ConveyorClient({ apiUrl: options.apiUrl }),
    print: (line) => process.stdout.write(`${line}\n`),
    note: (line) => process.stderr.write(`${line}\n`),
    paint: painter(colour && colourEnabled(process.stdout)),
    paintErr: painter(colour && colourEnabled(process.stderr)),
    interactive: process.stdout.isTTY === true,
  };
}
