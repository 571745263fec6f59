import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { commandOf, environmentOf, processesWithEnvironment } from '../process-tree';
import { RUN_ID_VARIABLE, TEST_FILE_VARIABLE, testFileOfTempDir } from './run-marker';

export interface LeftoverProcess {
  pid: number;
  command: string;
  /** The test file whose test started it (directly or through a process it started). */
  testFile: string;
}

export interface LeftoverFolder {
  path: string;
  /** The test file that created it, or undefined if it was made outside any test file. */
  testFile?: string;
}

/**
 * Live processes that carry this run's id and a test file in the environment they started with:
 * what the tests started and did not stop. Jest's own workers carry the id but no test file; a
 * process of anyone else carries neither, so it is never listed (nor killed).
 */
export function leftoverProcesses(runId: string): LeftoverProcess[] {
  const found: LeftoverProcess[] = [];
  for (const pid of processesWithEnvironment(`${RUN_ID_VARIABLE}=${runId}`)) {
    const testFile = environmentOf(pid)
      ?.find((v) => v.startsWith(`${TEST_FILE_VARIABLE}=`))
      ?.slice(TEST_FILE_VARIABLE.length + 1);
    if (testFile !== undefined) found.push({ pid, command: commandOf(pid).slice(0, 200), testFile });
  }
  return found;
}

/** What remains in the run's temp folder: each test file's folder should be empty. */
export function leftoverFolders(runDir: string): LeftoverFolder[] {
  const found: LeftoverFolder[] = [];
  for (const entry of readdirSync(runDir, { withFileTypes: true })) {
    const path = join(runDir, entry.name);
    const testFile = testFileOfTempDir(entry.name);
    if (!entry.isDirectory() || testFile === undefined) {
      found.push({ path });
      continue;
    }
    for (const inner of readdirSync(path)) found.push({ path: join(path, inner), testFile });
  }
  return found;
}
