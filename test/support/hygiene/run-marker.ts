import { join, sep } from 'node:path';

/**
 * How the hygiene guard knows what a test run started. Every process a test spawns inherits these
 * variables (Jest's workers get the first two from the global setup, the test environment adds the
 * test file), and every temporary folder lands under the run's own temp folder, one per test file.
 */
export const RUN_ID_VARIABLE = 'CONVEYOR_TEST_RUN';
/** The run's temp folder; TMPDIR points inside it while the tests run. */
export const RUN_DIR_VARIABLE = 'CONVEYOR_TEST_RUN_DIR';
/** The test file (relative to the root) whose test started a process. */
export const TEST_FILE_VARIABLE = 'CONVEYOR_TEST_FILE';
/** The TMPDIR the run started with, restored at the end. */
export const OUTER_TMPDIR_VARIABLE = 'CONVEYOR_TEST_OUTER_TMPDIR';

const TEST_FILE_DIR_PREFIX = 'for~';

/**
 * One temp folder per test file, named so a leftover names its test file: `for~test~cli~cli.test.ts`.
 * Only characters that mean nothing in a URL or a shell: paths under it end up in both.
 */
export function testFileTempDir(runDir: string, testFile: string): string {
  return join(runDir, TEST_FILE_DIR_PREFIX + testFile.split(sep).join('~'));
}

/** The test file a folder of the run's temp folder belongs to; undefined for anything else. */
export function testFileOfTempDir(name: string): string | undefined {
  return name.startsWith(TEST_FILE_DIR_PREFIX)
    ? name.slice(TEST_FILE_DIR_PREFIX.length).split('~').join('/')
    : undefined;
}
