import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { withParentDeathSignal } from '../parent-death';
import { spawnProcessGroup, stopProcessGroup } from '../process-group';

jest.setTimeout(30_000);

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function firstLine(child: ChildProcess): Promise<string> {
  let output = '';
  for await (const chunk of child.stdout!) {
    output += String(chunk);
    if (output.includes('\n')) return output.split('\n')[0];
  }
  throw new Error(`no line from ${child.spawnfile}`);
}

async function gone(pid: number, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return !alive(pid);
}

describe('stopProcessGroup', () => {
  it('stops the helpers a child started, not only the child', async () => {
    const child = spawnProcessGroup('sh', ['-c', 'sleep 300 & echo $!; wait'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const helper = Number(await firstLine(child));
    expect(alive(helper)).toBe(true);
    await stopProcessGroup(child);
    expect(child.signalCode ?? child.exitCode).not.toBeNull();
    expect(alive(helper)).toBe(false);
  });

  it('SIGKILLs a group that ignores SIGTERM once the grace period is over', async () => {
    const child = spawnProcessGroup('sh', ['-c', 'trap "" TERM; echo ready; while :; do sleep 0.05; done'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    await firstLine(child);
    const started = Date.now();
    await stopProcessGroup(child, { graceMs: 500 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(child.signalCode).toBe('SIGKILL');
  });

  it('stops a process group known only by its id, as a script that ran setsid leaves it', async () => {
    const child = spawnProcessGroup('sh', ['-c', 'sleep 300 & echo $!; wait'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const helper = Number(await firstLine(child));
    const exited = once(child, 'exit');
    await stopProcessGroup(child.pid!);
    expect(alive(helper)).toBe(false);
    await exited;
  });

  it('refuses an id that is not a process group, never signalling this group or every process', async () => {
    for (const id of [0, 1, -5, 1.5])
      await expect(stopProcessGroup(id)).rejects.toThrow('not a process group id');
  });

  it('returns at once for a child that has exited', async () => {
    const child = spawnProcessGroup('true', []);
    await once(child, 'exit');
    await expect(stopProcessGroup(child)).resolves.toBeUndefined();
  });
});

describe('the parent-death signal', () => {
  it('ends the child when its parent is SIGKILLed', async () => {
    const [file, args] = withParentDeathSignal('sleep', ['300']);
    // A parent that starts the child as spawnProcessGroup does, prints its pid and waits.
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `const c = require('node:child_process').spawn(process.argv[1], JSON.parse(process.argv[2]), { stdio: 'ignore', detached: true });
         c.once('spawn', () => console.log(c.pid)); setInterval(() => {}, 1000);`,
        file,
        JSON.stringify(args),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const child = Number(await firstLine(parent));
    expect(alive(child)).toBe(true);
    parent.kill('SIGKILL');
    await once(parent, 'exit');
    expect(await gone(child, 10_000)).toBe(true);
  });
});
