import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessEntry {
  pid: number;
  /** The executable's name as the kernel shows it (`/proc/<pid>/comm`). */
  name: string;
}

/** The live children of `pid`, found through /proc (Linux). */
export function childrenOf(pid: number): ProcessEntry[] {
  const found: ProcessEntry[] = [];
  for (const entry of readdirSync('/proc')) {
    const child = Number(entry);
    if (!Number.isInteger(child)) continue;
    try {
      const stat = readFileSync(`/proc/${child}/stat`, 'utf8');
      // Fields after the parenthesised name: state, ppid, ...; the name itself may hold spaces.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === pid && state !== 'Z')
        found.push({ pid: child, name: readFileSync(`/proc/${child}/comm`, 'utf8').trim() });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Whether `pid` is still a live process (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
