import { mkdirSync } from 'node:fs';
import { relative } from 'node:path';
import NodeEnvironment from 'jest-environment-node';
import { RUN_DIR_VARIABLE, TEST_FILE_VARIABLE, testFileTempDir } from './run-marker';

type Config = ConstructorParameters<typeof NodeEnvironment>[0];
type Context = ConstructorParameters<typeof NodeEnvironment>[1];

/**
 * Jest's node environment, plus: while a test file runs, the processes it spawns carry its name
 * and its temporary folders go to a folder named after it, so the hygiene guard can say which
 * test left something behind.
 */
export default class HygieneEnvironment extends NodeEnvironment {
  constructor(config: Config, context: Context) {
    // Before super(): the sandbox's `process.env` is a copy taken when it is built.
    const runDir = process.env[RUN_DIR_VARIABLE];
    if (runDir) {
      const testFile = relative(config.projectConfig.rootDir, context.testPath);
      const dir = testFileTempDir(runDir, testFile);
      mkdirSync(dir, { recursive: true });
      process.env[TEST_FILE_VARIABLE] = testFile;
      process.env.TMPDIR = dir;
    }
    super(config, context);
  }
}
