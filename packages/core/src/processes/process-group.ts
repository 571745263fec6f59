import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROCESS_STOP_GRACE_MS } from '../constants';
import { withParentDeathSignal } from './parent-death';

/** How long a group gets to vanish after SIGKILL before stopping it counts as failed. */
const KILL_WAIT_MS = 5_000;
const POLL_MS = 25;

export interface StopProcessOptions {
  /** The first signal (default SIGTERM, as `kill` and service managers send; SIGKILL simulates a crash). */
  signal?: NodeJS.Signals;
  /** How long the group gets to exit after `signal` before it is SIGKILLed. */
  graceMs?: number;
}

/**
 * Spawns `command` as the leader of its own process group, so `stopProcessGroup` reaches every
 * helper it starts, and with the parent-death signal, so it does not outlive this process even when
 * this process is SIGKILLed. A terminal's Ctrl-C reaches this process only, which stops the child.
 */
export function spawnProcessGroup(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ChildProcess {
  const [file, argv] = withParentDeathSignal(command, args);
  return spawn(file, argv, { ...options, detached: true });
}

/**
 * Stops a child the way a user would: `signal` to its whole process group, a bounded wait, then
 * SIGKILL to whatever of the group is left; never to the leader alone, whose helpers would be
 * orphaned. Resolves once the leader has exited and the group is empty. A child that leads no group
 * (spawned without `detached`) gets the signals alone. Safe to call on a child that has exited.
 */
export async function stopProcessGroup(child: ChildProcess, options: StopProcessOptions = {}): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  let exited = child.exitCode !== null || child.signalCode !== null;
  if (!exited) child.once('exit', () => (exited = true));
  const gone = (): boolean => exited && !groupAlive(pid);
  if (gone()) return;
  signal(child, pid, options.signal ?? 'SIGTERM', () => exited);
  if (await waitUntil(gone, options.graceMs ?? PROCESS_STOP_GRACE_MS)) return;
  signal(child, pid, 'SIGKILL', () => exited);
  if (!(await waitUntil(gone, KILL_WAIT_MS)))
    throw new Error(`process group ${pid} (${child.spawnfile}) still alive ${KILL_WAIT_MS} ms after SIGKILL`);
}

function signal(child: ChildProcess, pid: number, sig: NodeJS.Signals, exited: () => boolean): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // No such group: the child leads none (or it is empty); a pid still ours is signalled alone.
    if (!exited()) child.kill(sig);
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}
