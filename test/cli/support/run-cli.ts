import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { spawnProcessGroup, stopProcessGroup } from '@conveyor-ts/core/testing';

const ENTRY = resolve(__dirname, 'cli-entry.ts');
const started = new Set<ChildProcess>();

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `conveyor ...args` as a real process and collects its output. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<CliResult> {
  const child = startCli(args, options.env);
  if (options.input !== undefined) child.stdin?.end(options.input);
  else child.stdin?.end();
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

/** Starts `conveyor ...args` in the background (for `dev`, `logs --follow`, `run`). */
export function startCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawnProcessGroup(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', ENTRY, ...args],
    {
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** Cleanup: stops every CLI process still running as a user would (SIGTERM, then SIGKILL of its group). */
export async function stopStartedClis(): Promise<void> {
  await Promise.all([...started].map((child) => stopProcessGroup(child)));
}

/** Resolves with the output so far once `pattern` appears in the process's stdout. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no ${pattern} in output:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        done(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  });
}
