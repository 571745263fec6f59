import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { leftoverFolders, leftoverProcesses, type LeftoverProcess } from './leftovers';
import { OUTER_TMPDIR_VARIABLE, RUN_DIR_VARIABLE, RUN_ID_VARIABLE } from './run-marker';

/** A process being stopped as the last test ends gets this long to be gone. */
const SETTLE_MS = 3_000;

/**
 * Fails the run, naming the test files, when a process the tests started is still alive or a
 * temporary folder they created remains; then kills those processes and removes the run's temp
 * folder, so a failed check leaves nothing behind either. Every project lists it; the first one
 * to run checks the whole run.
 */
export default async function checkTestRunLeftNothing(): Promise<void> {
  const runId = process.env[RUN_ID_VARIABLE];
  const runDir = process.env[RUN_DIR_VARIABLE];
  if (!runId || !runDir) return;
  delete process.env[RUN_ID_VARIABLE];
  delete process.env[RUN_DIR_VARIABLE];
  process.env.TMPDIR = process.env[OUTER_TMPDIR_VARIABLE];

  let processes = leftoverProcesses(runId);
  for (const deadline = Date.now() + SETTLE_MS; processes.length > 0 && Date.now() < deadline;) {
    await sleep(100);
    processes = leftoverProcesses(runId);
  }
  const folders = leftoverFolders(runDir);
  for (const p of processes) kill(p);
  rmSync(runDir, { recursive: true, force: true });

  const problems = [
    ...processes.map((p) => `process ${p.pid} still running, started by ${p.testFile}: ${p.command}`),
    ...folders.map(
      (f) => `${f.path} remains, created by ${f.testFile ?? 'no test file (a worker or setup)'}`,
    ),
  ];
  if (problems.length > 0)
    throw new Error(`the tests left things behind (now killed and removed):\n  ${problems.join('\n  ')}`);
}

function kill(p: LeftoverProcess): void {
  try {
    process.kill(p.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
