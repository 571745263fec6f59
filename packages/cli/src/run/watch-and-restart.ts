import { spawn, type ChildProcess } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import { once } from 'node:events';
import type { CliContext } from '../cli-context';
import { WATCH_DEBOUNCE_MS, WATCH_IGNORED } from '../constants';
import { waitForShutdownSignal } from '../shutdown-signal';

/**
 * `run --watch`: runs `conveyor <args>` in a child process and, on every change under `paths`, stops
 * it with SIGTERM (its drivers finish their in-flight work) and starts a new one. A child is needed
 * because a module, once imported, cannot be imported afresh. Returns at SIGINT/SIGTERM.
 */
export async function watchAndRestart(ctx: CliContext, args: readonly string[], paths: readonly string[]) {
  let child: ChildProcess | undefined;
  let timer: NodeJS.Timeout | undefined;
  let restarting = Promise.resolve();
  const start = (): void => {
    // The same node, flags and entry point as this process: under ts-node in development, too.
    const started = spawn(process.execPath, [...process.execArgv, process.argv[1], ...args], {
      stdio: 'inherit',
    });
    started.on('exit', (code, signal) => {
      if (child === started && signal === null)
        ctx.note(ctx.paintErr('dim', `exited with code ${code}; waiting for a change…`));
      if (child === started) child = undefined;
    });
    child = started;
  };
  const restart = (file: string): void => {
    restarting = restarting.then(async () => {
      ctx.note(ctx.paintErr('dim', `${file} changed: restarting (in-flight work finishes first)…`));
      await stop(child);
      start();
    });
  };
  const watchers: FSWatcher[] = paths.map((path) =>
    watch(path, { recursive: true }, (_event, file) => {
      const name = file?.toString() ?? path;
      if (WATCH_IGNORED.test(name)) return;
      clearTimeout(timer);
      timer = setTimeout(() => restart(name), WATCH_DEBOUNCE_MS);
    }),
  );
  start();
  const signal = await waitForShutdownSignal();
  for (const watcher of watchers) watcher.close();
  clearTimeout(timer);
  ctx.note(`${signal}: stopping…`);
  await restarting;
  await stop(child);
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
