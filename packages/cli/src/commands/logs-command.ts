import type { Command } from 'commander';
import type { ConveyorClient, LogEntry } from '@conveyor-ts/core';
import { apiCall } from '../api-call';
import { CliError, ExitCode } from '../cli-error';
import type { CliContext, GlobalOptions } from '../cli-context';
import { createLogEntryPrinter } from '../output/log-entry-printer';
import { abortWhenSettled } from '../runs/follow-until-settled';
import { lookupRun } from '../runs/lookup-run';
import { runExitCode } from '../runs/run-outcome';

interface LogsOptions {
  follow?: boolean;
  driver?: string;
  json?: boolean;
}

/** `conveyor logs RUN_ID [--follow] [--driver D]`. */
export function logsCommand(program: Command, context: (o: GlobalOptions) => CliContext): void {
  program
    .command('logs')
    .description("print a run's logs, coloured by driver on a terminal")
    .argument('<runid>')
    .option(
      '-f, --follow',
      "keep printing new entries as drivers log them, until the run ends (exit code: the run's outcome) or Ctrl-C",
    )
    .option('-d, --driver <name>', "only this driver's entries")
    .option('--json', 'one JSON log entry per line')
    .action(async (runid: string, o: LogsOptions, cmd: Command) => {
      const ctx = context(cmd.optsWithGlobals());
      const client = ctx.client();
      const printEntry = createLogEntryPrinter({
        write: (text) => process.stdout.write(text),
        paint: ctx.paint,
        interactive: ctx.interactive && o.follow === true,
      });
      const print = (entry: LogEntry): void =>
        o.json ? ctx.print(JSON.stringify(entry)) : printEntry(entry);
      const code = o.follow
        ? await follow(client, runid, o, print)
        : await printStored(client, runid, o, print);
      if (code !== ExitCode.ok) throw new CliError('', code);
    });
}

async function printStored(
  client: ConveyorClient,
  runid: string,
  o: LogsOptions,
  print: (entry: LogEntry) => void,
): Promise<number> {
  const entries = await apiCall(`logs of ${runid}`, () => client.queryLogs({ runid, driver: o.driver }));
  if (entries.length === 0 && !(await requireRun(client, runid)))
    throw new CliError(
      `no logs for run ${runid} (this server keeps no run records, so it cannot tell an unknown run from a silent one)`,
      ExitCode.failure,
    );
  // The server groups by driver; people read a run in time order (ties keep the server's order).
  for (const entry of [...entries].sort((a, b) =>
    a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0,
  ))
    print(entry);
  return ExitCode.ok;
}

/** Streams the run's logs; ends with the run when the server records runs, else at Ctrl-C. */
async function follow(
  client: ConveyorClient,
  runid: string,
  o: LogsOptions,
  print: (entry: LogEntry) => void,
): Promise<number> {
  const found = await requireRun(client, runid);
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    const ended =
      found && found.status !== 'dispatched' ? abortWhenSettled(client, runid, controller) : undefined;
    // A failure to watch the run ends the stream too; `await ended` below reports it.
    ended?.catch(() => controller.abort());
    const options = { signal: controller.signal };
    const stream = o.driver
      ? client.followDriverLogs(o.driver, runid, options)
      : client.followRunLogs(runid, options);
    await apiCall(`logs of ${runid}`, async () => {
      for await (const entry of stream) print(entry);
    }).catch((error: unknown) => {
      if (!controller.signal.aborted) throw error;
    });
    controller.abort();
    const run = await ended;
    return run ? runExitCode(run) : ExitCode.ok;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
}

/** The run, or an error saying there is no such run; undefined when the server records no runs. */
async function requireRun(client: ConveyorClient, runid: string) {
  const found = await lookupRun(client, runid);
  if (found.kind === 'unknown') throw new CliError(`run ${runid} not found`, ExitCode.failure);
  return found.kind === 'found' ? found.run : undefined;
}
