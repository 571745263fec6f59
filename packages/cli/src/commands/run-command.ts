import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ConveyorApplication } from '@conveyor-ts/decorators';
import { CliError, ExitCode } from '../cli-error';
import type { CliContext, GlobalOptions } from '../cli-context';
import { waitForShutdownSignal } from '../shutdown-signal';

/**
 * `conveyor run MODULE`: loads a module and runs its decorated drivers. The module may export a
 * `ConveyorApplication` (default or named export), used as is; otherwise every `@Driver()` class it
 * imports is run in a new application.
 */
export function runCommand(program: Command, context: (o: GlobalOptions) => CliContext): void {
  program
    .command('run')
    .description('run the decorated drivers a module exports or imports, until Ctrl-C / SIGTERM (graceful)')
    .argument('<module>', 'a JavaScript module (or .ts, when ts-node is installed)')
    .option(
      '--nats-url <url>',
      'NATS server(s), comma-separated (default CONVEYOR_NATS_URL, NATS_URL, nats://localhost:4222)',
    )
    .action(async (modulePath: string, o: { natsUrl?: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const ctx = context(globals);
      const exports = await loadModule(modulePath);
      const app = findApplication(exports) ?? createApplication(modulePath, globals.apiUrl, o.natsUrl);
      try {
        await app.start();
      } catch (error) {
        await app.stop().catch(() => undefined);
        throw new CliError(`cannot start the drivers: ${(error as Error).message}`, ExitCode.unreachable);
      }
      ctx.note(`running ${app.drivers.map((d) => ctx.paintErr('bold', d.name)).join(', ')} (Ctrl-C to stop)`);
      const signal = await waitForShutdownSignal();
      ctx.note(`${signal}: finishing in-flight work…`);
      await app.stop();
      ctx.note('stopped');
    });
}

/** An application of every `@Driver()` class the module imported; signals are handled here. */
function createApplication(modulePath: string, apiUrl?: string, natsUrl?: string): ConveyorApplication {
  let app: ConveyorApplication;
  try {
    app = ConveyorApplication.create({ config: { apiUrl, natsUrl }, handleSignals: false });
  } catch (error) {
    throw new CliError(`${modulePath}: ${(error as Error).message}`, ExitCode.usage);
  }
  if (app.drivers.length === 0)
    throw new CliError(`${modulePath} exports or imports no @Driver() class`, ExitCode.usage);
  return app;
}

async function loadModule(modulePath: string): Promise<Record<string, unknown>> {
  const path = resolve(modulePath);
  if (!existsSync(path)) throw new CliError(`${modulePath}: no such file`, ExitCode.usage);
  if (/\.[cm]?ts$/.test(path) && !require.extensions['.ts']) await registerTypeScript(modulePath);
  try {
    return (await import(path)) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`cannot load ${modulePath}: ${(error as Error).message}`, ExitCode.usage);
  }
}

async function registerTypeScript(modulePath: string): Promise<void> {
  try {
    const tsNode = (await import('ts-node')) as { register(options: object): unknown };
    tsNode.register({ transpileOnly: true });
  } catch {
    throw new CliError(
      `${modulePath} is TypeScript: install ts-node, or build it and run the .js file`,
      ExitCode.usage,
    );
  }
}

function findApplication(exports: Record<string, unknown>): ConveyorApplication | undefined {
  const candidates = [exports, exports.default, ...Object.values(exports)];
  return candidates.find((value): value is ConveyorApplication => value instanceof ConveyorApplication);
}
