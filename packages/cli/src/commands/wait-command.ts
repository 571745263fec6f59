import type { Command } from 'commander';
import { CliError, ExitCode } from '../cli-error';
import type { CliContext, GlobalOptions } from '../cli-context';
import { waitForRuns } from '../runs/wait-for-runs';

/** `conveyor wait RUN_ID...`: a progress line per step; the exit code is the runs' outcome. */
export function waitCommand(program: Command, context: (o: GlobalOptions) => CliContext): void {
  program
    .command('wait')
    .description('wait for runs to end, with a line per step; exit 0 when all succeeded, 1 otherwise')
    .argument('<runid...>')
    .option('-t, --timeout <seconds>', 'give up after this long (exit code 4)')
    .action(async (runids: string[], o: { timeout?: string }, cmd: Command) => {
      const code = await waitForRuns(context(cmd.optsWithGlobals()), runids, {
        timeoutMs: timeoutMs(o.timeout),
      });
      if (code !== ExitCode.ok) throw new CliError('', code);
    });
}

/** `--timeout` in milliseconds; shared by `wait` and `apply --wait`. */
export function timeoutMs(seconds: string | undefined): number | undefined {
  if (seconds === undefined) return undefined;
  const n = Number(seconds);
  if (!Number.isFinite(n) || n <= 0)
    throw new CliError(`--timeout must be a positive number of seconds, got "${seconds}"`, ExitCode.usage);
  return n * 1000;
}
