import { spawn } from 'node:child_process';
import type { DriverLogger } from '@conveyor-ts/core';
import { stopProcessGroup } from '@conveyor-ts/core/processes';
import { CloneFailedError } from './clone-failed-error';
import { GIT_ERROR_TAIL_LINES, GIT_KILL_GRACE_MS } from './defaults';
import { gitEnvironment, protocolRestrictions } from './git-environment';

/** Progress chatter, not explanation: kept out of failure messages (it is still logged). */
const PROGRESS = /^Cloning into /;

export interface GitRunOptions {
  cwd?: string;
  /** Aborting kills git's whole process group (transport helpers, ssh, upload-pack included). */
  signal: AbortSignal;
  /** Receives git's output, one entry per line. */
  logger: DriverLogger;
  /** Return stdout instead of logging it (for plumbing such as `rev-parse`). */
  capture?: boolean;
}

/** Runs git without a shell, with an argument array, restricted transports and no prompts. */
export class GitRunner {
  private readonly configArgs: string[];

  constructor(
    private readonly gitBinary: string,
    allowedProtocols: readonly string[],
  ) {
    this.configArgs = [...protocolRestrictions(allowedProtocols), '-c', 'advice.detachedHead=false'];
  }

  run(args: readonly string[], options: GitRunOptions): Promise<string> {
    const { signal, logger } = options;
    const command = `git ${args[0]}`;
    if (signal.aborted) return Promise.reject(abortedError(command, signal, ''));

    // detached: git becomes a process-group leader, so a kill reaches every helper it started.
    const child = spawn(this.gitBinary, [...this.configArgs, ...args], {
      cwd: options.cwd,
      env: gitEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderrTail: string[] = [];
    const output = logger.stream({ labels: { git: args[0] } });
    child.stdout.on('data', (chunk: Buffer) => (options.capture ? (stdout += chunk) : output.write(chunk)));
    child.stderr.on('data', (chunk: Buffer) => {
      output.write(chunk);
      stderrTail = stderrTail
        .concat(
          chunk
            .toString()
            .split(/\r?\n|\r/)
            .filter((line) => line.trim() !== '' && !PROGRESS.test(line)),
        )
        .slice(-GIT_ERROR_TAIL_LINES);
    });

    // SIGTERM to the group, then SIGKILL after a grace period for whatever is left.
    const onAbort = (): void =>
      void stopProcessGroup(child, { graceMs: GIT_KILL_GRACE_MS }).catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    return new Promise<string>((resolve, reject) => {
      child.once('error', (error) =>
        reject(new CloneFailedError(`${command} could not start (${this.gitBinary})`, error.message)),
      );
      child.once('close', (code, killedBy) => {
        signal.removeEventListener('abort', onAbort);
        output.end();
        const tail = stderrTail.join('\n');
        if (signal.aborted) reject(abortedError(command, signal, tail));
        else if (code === 0) resolve(stdout.trim());
        else
          reject(
            new CloneFailedError(
              `${command} failed (${killedBy ? `signal ${killedBy}` : `exit code ${code}`})`,
              tail,
            ),
          );
      });
    });
  }
}

function abortedError(command: string, signal: AbortSignal, tail: string): CloneFailedError {
  const timedOut = (signal.reason as Error | undefined)?.name === 'TimeoutError';
  const why = timedOut ? 'timed out and was killed' : 'was cancelled';
  return new CloneFailedError(`${command} ${why}`, tail, timedOut);
}
