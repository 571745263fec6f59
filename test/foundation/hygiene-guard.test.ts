import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnProcessGroup, stopProcessGroup } from '@conveyor-ts/core/testing';
import { leftoverFolders, leftoverProcesses } from '../support/hygiene/leftovers';
import { RUN_ID_VARIABLE, TEST_FILE_VARIABLE, testFileTempDir } from '../support/hygiene/run-marker';

// The guard's checks, on a run of their own (a made-up run id), with real processes and folders.
describe('the test hygiene guard', () => {
  const runId = `guard-test-${process.pid}`;

  it("lists a live process of the run with the test file that started it, and neither Jest's workers nor strangers", async () => {
    const start = (env: Record<string, string>) =>
      spawnProcessGroup('sleep', ['60'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' });
    const started = start({ [RUN_ID_VARIABLE]: runId, [TEST_FILE_VARIABLE]: 'test/some.test.ts' });
    const worker = start({ [RUN_ID_VARIABLE]: runId });
    const stranger = start({ [TEST_FILE_VARIABLE]: 'test/some.test.ts' });
    try {
      await new Promise((r) => setTimeout(r, 200)); // exec'd with its environment
      expect(leftoverProcesses(runId)).toEqual([
        { pid: started.pid, command: expect.stringContaining('sleep 60'), testFile: 'test/some.test.ts' },
      ]);
    } finally {
      await Promise.all([started, worker, stranger].map((p) => stopProcessGroup(p)));
    }
    expect(leftoverProcesses(runId)).toEqual([]);
  });

  it('lists what remains in the run folder, with the test file whose folder holds it', () => {
    const runDir = mkdtempSync(join(tmpdir(), 'guard-run-'));
    try {
      const clean = testFileTempDir(runDir, 'test/clean.test.ts');
      const messy = testFileTempDir(runDir, 'packages/core/src/__tests__/messy.test.ts');
      mkdirSync(clean);
      mkdirSync(join(messy, 'conveyor-nats-abc'), { recursive: true });
      mkdirSync(join(runDir, 'made-by-a-worker'));
      expect(leftoverFolders(runDir).sort((a, b) => a.path.localeCompare(b.path))).toEqual([
        { path: join(messy, 'conveyor-nats-abc'), testFile: 'packages/core/src/__tests__/messy.test.ts' },
        { path: join(runDir, 'made-by-a-worker') },
      ]);
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
  });
});
