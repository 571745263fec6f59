import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PARENT_DEATH_SIGNAL } from '../constants';

let setprivPath: string | null | undefined;

/**
 * The command and arguments that run `command` so the kernel signals it when this process dies,
 * by any death, SIGKILL and the OOM killer included. Node has no prctl(PR_SET_PDEATHSIG), so on
 * Linux util-linux's `setpriv --pdeathsig` sets it and then execs the command: no process in
 * between, the pid, signals and exit status stay the command's own. Elsewhere (or without
 * setpriv) the command runs as is, and only a parent that lives to stop it does.
 */
export function withParentDeathSignal(command: string, args: readonly string[]): [string, string[]] {
  const setpriv = findSetpriv();
  return setpriv
    ? [setpriv, ['--pdeathsig', PARENT_DEATH_SIGNAL, '--', command, ...args]]
    : [command, [...args]];
}

function findSetpriv(): string | undefined {
  if (setprivPath === undefined) {
    setprivPath = null;
    if (process.platform === 'linux') {
      for (const dir of [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/bin']) {
        const candidate = join(dir, 'setpriv');
        try {
          accessSync(candidate, constants.X_OK);
          setprivPath = candidate;
          break;
        } catch {
          // not in this folder
        }
      }
    }
  }
  return setprivPath ?? undefined;
}
