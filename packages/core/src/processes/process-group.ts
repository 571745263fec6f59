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
 * `target` may also be the id of a process group started elsewhere (a server a script started
 * with setsid): then the group is signalled and watched until it is empty.
 */
export async function stopProcessGroup(
  target: ChildProcess | number,
  options: StopProcessOptions = {},
): Promise<void> {
  const leader = typeof target === 'number' ? groupById(target) : groupOf(target);
  if (!leader) return;
  const gone = (): boolean => leader.exited() && !groupAlive(leader.pgid);
  if (gone()) return;
  signal(leader, options.signal ?? 'SIGTERM');
  if (await waitUntil(gone, options.graceMs ?? PROCESS_STOP_GRACE_MS)) return;
  signal(leader, 'SIGKILL');
  if (!(await waitUntil(gone, KILL_WAIT_MS)))
    throw new Error(
      `process group ${leader.pgid} (${leader.name}) still alive ${KILL_WAIT_MS} ms after SIGKILL`,
    );
}

interface GroupLeader {
  pgid: number;
  name: string;
  exited(): boolean;
  /** Signals the leader alone, if it is still ours to signal. */
  kill(sig: NodeJS.Signals): void;
}

function groupOf(child: ChildProcess): GroupLeader | undefined {
  if (child.pid === undefined) return undefined;
  let exited = child.exitCode !== null || child.signalCode !== null;
  if (!exited) child.once('exit', () => (exited = true));
  return {
    pgid: child.pid,
    name: child.spawnfile,
    exited: () => exited,
    kill: (sig) => exited || child.kill(sig),
  };
}

function groupById(pgid: number): GroupLeader {
  // Group 0 is this very group, and -1 every process there is: a misread id must never reach kill.
  if (!Number.isInteger(pgid) || pgid <= 1) throw new Error(`not a process group id: ${pgid}`);
  return { pgid, name: `group ${pgid}`, exited: () => true, kill: () => undefined };
}

function signal(leader: GroupLeader, sig: NodeJS.Signals): void {
  try {
    process.kill(-leader.pgid, sig);
  } catch {
    // No such group: the child leads none (or it is empty); a pid still ours is signalled alone.
    leader.kill(sig);
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
