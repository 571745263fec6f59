import { execFile } from 'node:child_process';
import { isAbsolute } from 'node:path';
import { promisify } from 'node:util';
import { readStepResult, StepResultError, stepResultKey, type Resource } from '@conveyor-ts/core';
import { ImagePushRefusedError } from './image-push-refused-error';

const run = promisify(execFile);
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** What image-pusher needs from the git-cloner step's result data. */
export interface CloneSource {
  commit: string;
  ref: string;
  path: string;
}

/**
 * Reads the clone step's result from the resource (`metadata["driverresults.<step>"]`) and checks
 * that its working tree is still there, at that commit, on this machine.
 */
export async function readCloneSource(
  resource: Pick<Resource, 'metadata'>,
  step: string,
): Promise<CloneSource> {
  const key = `metadata["${stepResultKey(step)}"]`;
  let result;
  try {
    result = readStepResult<Partial<CloneSource> | null>(resource, step);
  } catch (error) {
    if (error instanceof StepResultError) throw new ImagePushRefusedError(key, error.problem);
    throw error;
  }
  if (!result.success) throw new ImagePushRefusedError(key, `step "${step}" failed: ${result.message}`);
  const { commit, ref, path } = result.data ?? {};
  if (typeof commit !== 'string' || !COMMIT.test(commit)) {
    throw new ImagePushRefusedError(
      key,
      `data.commit must be a full commit SHA, got ${JSON.stringify(commit)}`,
    );
  }
  if (typeof path !== 'string' || !isAbsolute(path)) {
    throw new ImagePushRefusedError(key, `data.path must be an absolute path, got ${JSON.stringify(path)}`);
  }
  const head = await readHead(path);
  if (head === undefined) {
    throw new ImagePushRefusedError(
      key,
      `the working tree ${path} is gone or not a git repository (do both drivers share a disk?)`,
    );
  }
  if (head !== commit)
    throw new ImagePushRefusedError(key, `the working tree ${path} is at ${head}, not ${commit}`);
  return { commit, ref: typeof ref === 'string' ? ref : commit, path };
}

async function readHead(path: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', path, 'rev-parse', '--verify', 'HEAD'], { timeout: 30_000 });
    return stdout.trim();
  } catch {
    return undefined;
  }
}
