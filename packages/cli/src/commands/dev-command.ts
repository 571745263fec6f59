import type { Command } from 'commander';
import { resolveConfig, type TlsFiles } from '@conveyor-ts/core';
import {
  ControlPlane,
  CONTROL_PLANE_DEFAULT_NATS_PORT,
  CONTROL_PLANE_DEFAULT_PORT,
} from '@conveyor-ts/control-plane';
import { CliError, ExitCode } from '../cli-error';
import type { CliContext, GlobalOptions } from '../cli-context';
import { waitForShutdownSignal } from '../shutdown-signal';

interface DevOptions {
  port: string;
  host: string;
  natsPort: string;
  natsUrl?: string;
  dataDir?: string;
  auth?: boolean;
  stallAfter?: string;
}

/** `conveyor dev`: nats-server and the control plane on this machine, until Ctrl-C. */
export function devCommand(program: Command, context: (o: GlobalOptions) => CliContext): void {
  program
    .command('dev')
    .description('run a local Conveyor-compatible control plane (and a nats-server) until Ctrl-C')
    .option('-p, --port <port>', 'API port (0 picks a free one)', String(CONTROL_PLANE_DEFAULT_PORT))
    .option('--host <address>', 'API listen address', '127.0.0.1')
    .option(
      '--nats-port <port>',
      'port of the nats-server started here (0 picks a free one)',
      String(CONTROL_PLANE_DEFAULT_NATS_PORT),
    )
    .option('--nats-url <url>', 'use this NATS instead of starting a nats-server')
    .option(
      '--data-dir <path>',
      'keep the JetStream store here across restarts (default: a temporary folder, removed on exit)',
    )
    .option(
      '--auth',
      'auth on, as api.auth_enabled: NATS mutual TLS and a JWT on every API call, with the identity in CONVEYOR_TLS_CERT, CONVEYOR_TLS_KEY and CONVEYOR_TLS_CA',
    )
    .option(
      '--stall-after <seconds>',
      'mark a running step stalled when its driver has had no consumer this long (default 30)',
    )
    .action(async (o: DevOptions, cmd: Command) => {
      const ctx = context(cmd.optsWithGlobals());
      const auth = o.auth ? authIdentity() : undefined;
      if (ctx.interactive)
        ctx.note(
          ctx.paintErr(
            'dim',
            o.natsUrl ? 'starting the control plane…' : 'starting nats-server and the control plane…',
          ),
        );
      let plane: ControlPlane;
      try {
        plane = await ControlPlane.start({
          port: port(o.port, '--port'),
          host: o.host,
          natsPort: port(o.natsPort, '--nats-port'),
          natsUrl: o.natsUrl,
          dataDir: o.dataDir,
          auth,
          stallAfterMs: o.stallAfter === undefined ? undefined : seconds(o.stallAfter, '--stall-after'),
        });
      } catch (error) {
        throw new CliError(
          `cannot start the control plane: ${(error as Error).message}`,
          ExitCode.unreachable,
        );
      }
      ctx.print(`${ctx.paint('green', 'Conveyor control plane ready')}`);
      ctx.print(`  API:  ${ctx.paint('bold', plane.apiUrl)}`);
      ctx.print(`  NATS: ${ctx.paint('bold', plane.natsUrl)}`);
      ctx.print(`  UI:   ${ctx.paint('bold', `${plane.apiUrl}/ui`)}`);
      if (auth) ctx.print(`  Auth: ${ctx.paint('bold', 'on')} (CA ${auth.caFile})`);
      ctx.print(`  export CONVEYOR_API_URL=${plane.apiUrl} CONVEYOR_NATS_URL=${plane.natsUrl}`);
      if (!o.dataDir && !o.natsUrl)
        ctx.print(ctx.paint('dim', '  data is temporary; --data-dir keeps it across restarts'));
      ctx.print(ctx.paint('dim', 'Press Ctrl-C to stop.'));
      const signal = await waitForShutdownSignal();
      ctx.note(`${signal}: stopping…`);
      await plane.stop();
      ctx.note('stopped');
    });
}

/** The identity `--auth` runs with; it is the server's, and clients use the same files (protocol §6). */
function authIdentity(): TlsFiles {
  let tls: TlsFiles | undefined;
  try {
    tls = resolveConfig().tls;
  } catch (error) {
    throw new CliError((error as Error).message, ExitCode.usage);
  }
  if (!tls)
    throw new CliError(
      '--auth needs CONVEYOR_TLS_CERT, CONVEYOR_TLS_KEY and CONVEYOR_TLS_CA',
      ExitCode.usage,
    );
  return tls;
}

function seconds(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new CliError(`${flag} must be a positive number of seconds, got "${value}"`, ExitCode.usage);
  return n * 1000;
}

function port(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new CliError(`${flag} must be a port number (0-65535), got "${value}"`, ExitCode.usage);
  return n;
}
