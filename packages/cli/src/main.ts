import { CommanderError } from 'commander';
import { CliError, ExitCode } from './cli-error';
import { colourEnabled, painter } from './output/terminal';
import { buildProgram } from './program';

/** Runs the CLI and resolves with the exit code; never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the problem (or the help) already.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const paint = painter(colourEnabled(process.stderr) && !argv.includes('--no-color'));
    const message = error instanceof Error ? error.message : String(error);
    // A command that has reported its outcome itself (`wait`) throws a CliError without a message.
    if (message !== '') process.stderr.write(`${paint('red', 'error:')} ${message}\n`);
    return error instanceof CliError ? error.exitCode : ExitCode.failure;
  }
}
