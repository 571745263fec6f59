import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTER_TMPDIR_VARIABLE, RUN_DIR_VARIABLE, RUN_ID_VARIABLE } from './run-marker';

/**
 * Marks this run before Jest starts its workers: a run id every child inherits, and a temp folder
 * of its own that TMPDIR points to. Every project lists it; the first one to run marks the run.
 */
export default function markTestRun(): void {
  if (process.env[RUN_ID_VARIABLE]) return;
  const id = randomBytes(6).toString('hex');
  const outer = tmpdir();
  process.env[RUN_ID_VARIABLE] = id;
  process.env[OUTER_TMPDIR_VARIABLE] = outer;
  process.env[RUN_DIR_VARIABLE] = mkdtempSync(join(outer, `conveyor-test-run-${id}-`));
  process.env.TMPDIR = process.env[RUN_DIR_VARIABLE];
  // ts-node's compile cache is per user and reused run after run: it stays where it would be anyway.
  process.env.V8_COMPILE_CACHE_CACHE_DIR ??= join(
    outer,
    `v8-compile-cache-${process.getuid?.() ?? 0}`,
    process.versions.v8,
  );
}
