import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, stopProcessGroup } from '@conveyor-ts/core/testing';
import { RegistryProcess } from '../../examples/image-pusher/src/testing';
import { processesWithEnvironment } from '../support/process-tree';
import { fetchPushedImage } from './support/pushed-image';

const ROOT = resolve(__dirname, '../..');
// Each case starts the demo as a user does: npm, ts-node, a control plane, a registry.
jest.setTimeout(120_000);

interface DemoRun {
  /** The exit status as a shell reports it: 128 + the signal's number when killed by one. */
  code: number;
  output: string;
  /** What the demo left in its temporary folder (`TMPDIR`): nothing of its own, it must be. */
  leftovers: string[];
  /** Whether any process the demo started (its registry and nats-server too) outlived it. */
  leftRunning: boolean;
}

/** How long the demo's processes get to be gone after a SIGKILL: they die by the parent-death signal. */
const PARENT_DEATH_SETTLE_MS = 10_000;

/**
 * Runs `npm run demo -- ...args` as a user does, in its own process group and with its own TMPDIR,
 * so what it leaves behind can be seen (every process it starts inherits that TMPDIR, also the
 * servers in process groups of their own). `interrupt` sends `signal` to the whole npm group once
 * the output matches `when`: SIGINT as Ctrl-C on a terminal does, SIGKILL as nothing can handle.
 */
function runDemo(
  args: string[],
  interrupt?: { when: RegExp; signal: 'SIGINT' | 'SIGKILL' },
): Promise<DemoRun> {
  const temp = mkdtempSync(join(tmpdir(), 'demo-test-tmp-'));
  const child = spawn('npm', ['run', 'demo', '--', ...args], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, TMPDIR: temp, NO_COLOR: '1', FORCE_COLOR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let interrupted = false;
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (interrupt && !interrupted && interrupt.when.test(output)) {
      interrupted = true;
      process.kill(-child.pid!, interrupt.signal);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((done) =>
    child.on('close', async (exit, signal) => {
      // npm re-raises a Ctrl-C on itself once its script has ended; a shell reports that as 130.
      const code = exit ?? 128 + constants.signals[signal!];
      const demoProcesses = (): number[] => processesWithEnvironment(`TMPDIR=${temp}`);
      const settleMs = interrupt?.signal === 'SIGKILL' ? PARENT_DEATH_SETTLE_MS : 0;
      for (const deadline = Date.now() + settleMs; demoProcesses().length > 0 && Date.now() < deadline;)
        await sleep(100);
      const running = demoProcesses();
      await stopProcessGroup(child); // do not leak into the next test
      for (const pid of running) process.kill(pid, 'SIGKILL');
      // ts-node keeps a compile cache in TMPDIR: a cache, not the demo's.
      const leftovers = readdirSync(temp).filter((name) => !name.startsWith('v8-compile-cache'));
      rmSync(temp, { recursive: true, force: true });
      done({ code, output, leftovers, leftRunning: running.length > 0 });
    }),
  );
}

const digestIn = (output: string): string | undefined =>
  /^\s*digest\s+(sha256:[0-9a-f]{64})$/m.exec(output)?.[1];

describe('npm run demo', () => {
  it('runs the pipeline with its own services, prints commit and digest, exits 0 and leaves nothing', async () => {
    const run = await runDemo([]);

    expect(run.output).toMatch(/Pipeline app-build \(run [0-9a-f-]{36}\) succeeded/);
    expect(run.code).toBe(0);
    expect(run.output).toMatch(/^\s*commit\s+[0-9a-f]{40}$/m);
    expect(run.output).toMatch(/^\s*image\s+127\.0\.0\.1:\d+\/demo\/hello-world:latest$/m);
    expect(digestIn(run.output)).toBeDefined();
    // The run's logs were followed: both drivers' lines are there.
    expect(run.output).toMatch(/git-cloner \| Checked out main at [0-9a-f]{40}/);
    expect(run.output).toMatch(/image-pusher \| Pushed /);
    expect({ leftovers: run.leftovers, leftRunning: run.leftRunning }).toEqual({
      leftovers: [],
      leftRunning: false,
    });
  });

  describe('with a registry of the test', () => {
    let registry: RegistryProcess;
    beforeAll(async () => (registry = await RegistryProcess.start()));
    afterAll(() => registry?.stop());

    it('prints the digest of the manifest the registry serves, for the commit it printed', async () => {
      const run = await runDemo(['--registry', registry.host]);
      expect(run.code).toBe(0);

      const image = await fetchPushedImage(
        { registry: registry.host, repository: 'demo/hello-world' },
        'latest',
      );
      expect(digestIn(run.output)).toBe(image.digest);
      const commit = /^\s*commit\s+([0-9a-f]{40})$/m.exec(run.output)?.[1];
      expect(image.manifest.annotations).toEqual({ 'org.opencontainers.image.revision': commit });
    });
  });

  it('says which step failed and why, and exits 1, when the registry is unreachable', async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    const run = await runDemo(['--registry', closed]);

    expect(run.code).toBe(1);
    expect(run.output).toMatch(/Pipeline app-build \(run [0-9a-f-]{36}\) failed/);
    expect(run.output).toContain('step 2 of 2 "Push image" (image-pusher) failed:');
    expect(run.output).toMatch(
      new RegExp(`HEAD blob sha256:[0-9a-f]{64} at ${closed} failed after 6 attempts: ECONNREFUSED`),
    );
    expect(run.leftovers).toEqual([]);
    expect(run.leftRunning).toBe(false);
  });

  it('on Ctrl-C mid-run stops everything, removes its folders and exits 130', async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    // The push retries against a closed port for seconds: Ctrl-C lands while the run is in progress.
    const run = await runDemo(['--registry', closed], { when: /retrying in/, signal: 'SIGINT' });

    expect(run.output).toContain('SIGINT: stopping everything the demo started');
    expect(run.output).not.toMatch(/Pipeline app-build .* (succeeded|failed)/);
    expect(run.code).toBe(130);
    expect(run.leftovers).toEqual([]);
    expect(run.leftRunning).toBe(false);
  });

  it('SIGKILLed mid-run leaves no nats-server and no registry behind', async () => {
    // No handler of npm or the demo runs; the servers, in process groups of their own, must die with it.
    const run = await runDemo([], { when: /drivers running in this process/, signal: 'SIGKILL' });

    expect(run.output).toContain('control plane started');
    expect(run.output).toContain('registry started');
    expect(run.code).toBe(128 + constants.signals.SIGKILL);
    expect(run.leftRunning).toBe(false);
  });
});
