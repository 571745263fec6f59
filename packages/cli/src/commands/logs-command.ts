import type { Command } from 'commander';
import { apiCall } from '../api-call';
import type { CliContext, GlobalOptions } from '../cli-context';
import { createLogEntryPrinter } from '../output/log-entry-printer';

/** `conveyor logs RUN_ID [--follow] [--driver D]`. */
export function logsCommand(program: Command, context: (o: GlobalOptions) => CliContext): void {
  program
    .command('logs')
    .description("print a run's logs, coloured by driver on a terminal")
    .argument('<runid>')
    .option('-f, --follow', 'keep printing new entries as drivers log them (Ctrl-C to stop)')
    .option('-d, --driver <name>', "only this driver's entries")
    .option('--json', 'one JSON log entry per line')
    .action(async (runid: string, o: { follow?: boolean; driver?: string; json?: boolean }, cmd: Command) => {
      const ctx = context(cmd.optsWithGlobals());
      const client = ctx.client();
      const printEntry = createLogEntryPrinter({
        write: (text) => process.stdout.write(text),
        paint: ctx.paint,
        interactive: ctx.interactive && o.follow === true,
      });
      const print = (entry: Parameters<typeof printEntry>[0]): void =>
        o.json ? ctx.print(JSON.stringify(entry)) : printEntry(entry);
      if (!o.follow) {
        const entries = await apiCall(`logs of ${runid}`, () =>
          client.queryLogs({ runid, driver: o.driver }),
        );
        // The server groups by driver; people read a run in time order (ties keep the server's order).
        for (const entry of [...entries].sort((a, b) =>
          a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0,
        )) {
          print(entry);
        }
        return;
      }
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop).once('SIGTERM', stop);
      try {
        const options = { signal: controller.signal };
        const stream = o.driver
          ? client.followDriverLogs(o.driver, runid, options)
          : client.followRunLogs(runid, options);
        await apiCall(`logs of ${runid}`, async () => {
          for await (const entry of stream) print(entry);
        });
      } finally {
        process.off('SIGINT', stop).off('SIGTERM', stop);
      }
    });
}
