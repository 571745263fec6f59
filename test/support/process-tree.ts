import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** What /proc (Linux) tells about live processes, for tests that check what outlived whom. */

export interface ProcessEntry {
  pid: number;
  /** The executable's name as the kernel shows it (`/proc/<pid>/comm`). */
  name: string;
}

/** The live children of `pid`. */
export function childrenOf(pid: number): ProcessEntry[] {
  return livePids()
    .filter((child) => stat(child)?.ppid === pid)
    .map((child) => ({ pid: child, name: readProc(child, 'comm')?.trim() ?? '' }));
}

/** Whether `pid` is still a live process (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  const s = stat(pid);
  return s !== undefined && s.state !== 'Z';
}

/**
 * Live processes whose environment, as they started with it, holds `entry` (`NAME=value`):
 * inherited by every process a marked one starts, so it finds a whole tree that left its group.
 */
export function processesWithEnvironment(entry: string): number[] {
  return livePids().filter((pid) => environmentOf(pid)?.includes(entry));
}

/** The environment `pid` started with, one `NAME=value` per element; undefined if unreadable. */
export function environmentOf(pid: number): string[] | undefined {
  return readProc(pid, 'environ')?.split('\0');
}

/** The command line of `pid`, joined with spaces. */
export function commandOf(pid: number): string {
  return (readProc(pid, 'cmdline') ?? '').split('\0').join(' ').trim();
}

function livePids(): number[] {
  if (!existsSync('/proc')) return []; // not Linux: nothing to look at, so nothing is reported
  return readdirSync('/proc')
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && pid !== process.pid && isAlive(pid));
}

function stat(pid: number): { state: string; ppid: number } | undefined {
  const line = readProc(pid, 'stat');
  if (line === undefined) return undefined;
  // Fields after the parenthesised name (which may hold spaces): state, ppid, ...
  const [state, ppid] = line.slice(line.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid) };
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined; // gone, or not ours to read
  }
}
