import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { spawnProcessGroup, stopProcessGroup } from '../../packages/core/src/testing';

const REPO = resolve(__dirname, '..', '..');
const CHILD_START_TIMEOUT_MS = 60_000;

/**
 * Child processes run compiled JavaScript, not ts-node: the TypeScript compiler in memory would
 * add tens of MB to the resident size being measured and seconds to every start. Each runs in a
 * process group of its own and dies with the bench, also when the bench is SIGKILLed.
 */
export class ChildScripts {
  private constructor(private readonly outDir: string) {}

  /** Compiles the entry files (and what they import) once per run, without type checking. */
  static async compile(entries: string[]): Promise<ChildScripts> {
    const outDir = mkdtempSync(join(tmpdir(), 'conveyor-bench-'));
    const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = [
      ...['--outDir', outDir, '--rootDir', REPO, '--module', 'commonjs', '--target', 'es2022'],
      ...['--experimentalDecorators', '--emitDecoratorMetadata', '--esModuleInterop', '--skipLibCheck'],
      ...['--resolveJsonModule', '--noCheck', '--types', 'node'],
      ...entries,
    ];
    await new Promise<void>((done, fail) => {
      const child = spawnProcessGroup(process.execPath, [tsc, ...args], {
        cwd: REPO,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', fail);
      child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`tsc exited with ${code}`))));
    });
    return new ChildScripts(outDir);
  }

  /** Starts the compiled form of `entry` with an IPC channel, as fork() does; resolves on its first message. */
  async start<M>(entry: string, args: string[]): Promise<{ child: ChildProcess; first: M }> {
    const script = join(this.outDir, relative(REPO, entry)).replace(/\.ts$/, '.js');
    // Not this process's flags: they would load ts-node into the child too.
    const nodeArgs = process.env.BENCH_CHILD_NODE_ARGS?.split(' ') ?? [];
    const child = spawnProcessGroup(process.execPath, [...nodeArgs, script, ...args], {
      cwd: REPO,
      env: { ...process.env, NODE_PATH: join(REPO, 'node_modules') },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const first = await nextMessage<M>(child, CHILD_START_TIMEOUT_MS);
    return { child, first };
  }

  remove(): void {
    rmSync(this.outDir, { recursive: true, force: true });
  }
}

/** The child's next IPC message; rejects if it exits or stays silent for `timeoutMs`. */
export function nextMessage<M>(child: ChildProcess, timeoutMs: number): Promise<M> {
  return new Promise<M>((done, fail) => {
    const timer = setTimeout(
      () => settle(new Error(`child ${child.pid} silent for ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: M) => settle(undefined, message);
    const onExit = (code: number | null) => settle(new Error(`child ${child.pid} exited (${code})`));
    const settle = (error?: Error, message?: M) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) fail(error);
      else done(message as M);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Waits for the child to exit, killing it if it does not within `timeoutMs`. */
export async function waitForExit(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((done) => {
    const timer = setTimeout(() => void stopProcessGroup(child, { signal: 'SIGKILL' }), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}
