import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { spawnProcessGroup, stopProcessGroup } from '@conveyor-ts/core/testing';

const FIXTURE = join(__dirname, '..', 'fixtures', 'driver-process.ts');

/** A driver running in its own process (the fixture), with its stdout events collected. */
export class DriverProcess {
  /** Each event with `at`, when it arrived here (ms since epoch). */
  readonly events: Array<{
    event: string;
    at: number;
    name?: string;
    id?: string;
    attempt?: number;
    action?: string;
    status?: string;
    server?: string;
  }> = [];
  /** The runtime's pino lines (with `WARNINGS=1`), each with `at`. */
  readonly logs: Array<{ msg: string; at: number }> = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once the process exited and its stdout is read to the end (every line is in `events`). */
  readonly closed: Promise<void>;
  private readonly child: ChildProcess;

  /** `fixture`: a driver program under test/manager/fixtures (the crash and scaling one by default). */
  constructor(env: Record<string, string>, fixture = FIXTURE) {
    this.child = spawnProcessGroup(process.execPath, ['-r', 'ts-node/register/transpile-only', fixture], {
      env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', '..', 'tsconfig.json'), ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let rest = '';
    this.child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('{"event"')) this.events.push({ ...JSON.parse(line), at: Date.now() });
        else if (line.startsWith('{"level"')) this.logs.push({ ...JSON.parse(line), at: Date.now() });
      }
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    this.closed = new Promise((resolve) => this.child.once('close', () => resolve()));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  count(event: string): number {
    return this.events.filter((e) => e.event === event).length;
  }

  /** Sends `signal` to the process itself: a test's deliberate crash or shutdown. */
  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Cleanup: SIGTERM, a bounded wait, then SIGKILL of its whole process group. */
  stop(): Promise<void> {
    return stopProcessGroup(this.child);
  }
}
