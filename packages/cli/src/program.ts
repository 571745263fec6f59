import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { createContext, type GlobalOptions } from './cli-context';
import { applyCommand } from './commands/apply-command';
import { deleteCommand } from './commands/delete-command';
import { devCommand } from './commands/dev-command';
import { getCommand } from './commands/get-command';
import { logsCommand } from './commands/logs-command';
import { newCommand } from './commands/new-command';
import { runCommand } from './commands/run-command';
import { runsCommand } from './commands/runs-command';
import { waitCommand } from './commands/wait-command';

/** The `conveyor` command and its subcommands. */
export function buildProgram(): Command {
  const version = readVersion();
  const program = new Command('conveyor')
    .description(
      'Conveyor CI for driver authors: a local control plane, apply, delete, get, logs, runs, wait, and run',
    )
    .version(version, '-V, --version')
    .option(
      '--api-url <url>',
      'Conveyor API URL (default CONVEYOR_API_URL, or CONVEYOR_SERVER_HOST/_PORT, or http://localhost:8080)',
    )
    .option('--no-color', 'never colour the output (NO_COLOR works too)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const context = (options: GlobalOptions) => createContext(options);
  newCommand(program, context, version);
  for (const add of [
    devCommand,
    applyCommand,
    deleteCommand,
    getCommand,
    logsCommand,
    runsCommand,
    waitCommand,
    runCommand,
  ])
    add(program, context);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** The package's version, from src/ (tests) and dist/ (installed) alike. */
function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
}
