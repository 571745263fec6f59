import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext, GlobalOptions } from '../cli-context';
import { runDrivers } from '../run/run-drivers';
import { watchAndRestart } from '../run/watch-and-restart';

interface RunOptions {
  natsUrl?: string;
  watch?: boolean;
  watchPath?: string[];
}

/** `conveyor run MODULE [--watch]`: runs the decorated drivers a module exports or imports. */
export function runCommand(program: Command, context: (o: GlobalOptions) => CliContext): void {
  program
    .command('run')
    .description('run the decorated drivers a module exports or imports, until Ctrl-C / SIGTERM (graceful)')
    .argument('<module>', 'a JavaScript module, ESM or CommonJS (or .ts, when ts-node is installed)')
    .option(
      '--nats-url <url>',
      'NATS server(s), comma-separated (default CONVEYOR_NATS_URL, NATS_URL, nats://localhost:4222)',
    )
    .option('-w, --watch', 'restart when a file changes, after in-flight work has finished')
    .option('--watch-path <path...>', "what --watch watches (default: the module's folder)")
    .action(async (modulePath: string, o: RunOptions, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const ctx = context(globals);
      if (!o.watch) return runDrivers(ctx, modulePath, { apiUrl: globals.apiUrl, natsUrl: o.natsUrl });
      const args = [
        ...(globals.apiUrl ? ['--api-url', globals.apiUrl] : []),
        ...(globals.color === false ? ['--no-color'] : []),
        'run',
        resolve(modulePath),
        ...(o.natsUrl ? ['--nats-url', o.natsUrl] : []),
      ];
      await watchAndRestart(ctx, args, o.watchPath ?? [dirname(resolve(modulePath))]);
    });
}
