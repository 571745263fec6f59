import { ConveyorApplication } from '@conveyor-ts/decorators';
import { CliError, ExitCode } from '../cli-error';
import type { CliContext } from '../cli-context';
import { waitForShutdownSignal } from '../shutdown-signal';
import { loadUserModule } from './load-user-module';

export interface RunDriversOptions {
  apiUrl?: string;
  natsUrl?: string;
}

/**
 * Loads the module and runs its drivers until SIGINT/SIGTERM, then stops gracefully. The module may
 * export a `ConveyorApplication` (default or named), used as is; otherwise every `@Driver()` class it
 * imports runs in a new application. A module that starts an application itself is refused.
 */
export async function runDrivers(ctx: CliContext, modulePath: string, o: RunDriversOptions): Promise<void> {
  const exports = await loadUserModule(modulePath);
  // A module that calls start() behind an await at the top of an async main() gets one turn.
  await new Promise((r) => setImmediate(r));
  await refuseSelfStarted(modulePath);
  const app = findApplication(exports) ?? createApplication(modulePath, o);
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
}

async function refuseSelfStarted(modulePath: string): Promise<void> {
  const started = ConveyorApplication.started();
  if (started.length === 0) return;
  await Promise.all(started.map((app) => app.stop().catch(() => undefined)));
  throw new CliError(
    `${modulePath} starts its own application (ConveyorApplication.start() ran as it loaded): run it with node, or export the application or its @Driver() classes without starting them`,
    ExitCode.usage,
  );
}

/** An application of every `@Driver()` class the module imported; signals are handled here. */
function createApplication(modulePath: string, o: RunDriversOptions): ConveyorApplication {
  let app: ConveyorApplication;
  try {
    app = ConveyorApplication.create({
      config: { apiUrl: o.apiUrl, natsUrl: o.natsUrl },
      handleSignals: false,
      checkResourceDefinitions: true,
    });
  } catch (error) {
    throw new CliError(`${modulePath}: ${(error as Error).message}`, ExitCode.usage);
  }
  if (app.drivers.length === 0)
    throw new CliError(`${modulePath} exports or imports no @Driver() class`, ExitCode.usage);
  return app;
}

function findApplication(exports: Record<string, unknown>): ConveyorApplication | undefined {
  const candidates = [exports, exports.default, ...Object.values(exports)];
  return candidates.find((value): value is ConveyorApplication => value instanceof ConveyorApplication);
}
