import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startFixture, type Fixture } from '../control-plane/support/control-plane-fixture';
import { waitFor } from '../control-plane/support/wait-for';
import { makeTempDir } from '../support/temp-dirs';
import { runCli, startCli } from './support/run-cli';

jest.setTimeout(240_000);

/** A driver whose reconcile takes a while, so a restart happens while it is in flight. */
const slowDriver = (version: string): string => `
import { Driver, Logger, Payload, Reconcile, type DriverLogger, type Resource } from '@conveyor-ts/decorators';

@Driver({ name: 'slow', resources: ['job'] })
export class Slow {
  @Reconcile()
  async reconcile(@Payload() resource: Resource, @Logger() logger: DriverLogger) {
    logger.info('working on ' + resource.name);
    await new Promise((r) => setTimeout(r, 4000));
    return { success: true, message: '${version} done' };
  }
}
`;

describe('conveyor run: module kinds and --watch', () => {
  let fx: Fixture;
  let env: Record<string, string>;
  const children: ChildProcess[] = [];

  const output = (child: ChildProcess): { text: string } => {
    const seen = { text: '' };
    child.stdout?.on('data', (c: Buffer) => (seen.text += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (seen.text += c.toString()));
    return seen;
  };
  const until = (what: string, test: () => boolean, timeoutMs = 90_000) =>
    waitFor(what, async () => (test() ? true : undefined), timeoutMs);
  const settled = (what: string, runid: string) =>
    waitFor(
      what,
      async () => {
        const r = await fx.client.getRun(runid);
        return r.status !== 'running' ? r : undefined;
      },
      60_000,
    );
  const exited = (child: ChildProcess) =>
    new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('close', r)));

  beforeAll(async () => {
    fx = await startFixture();
    env = { CONVEYOR_API_URL: fx.plane.apiUrl, CONVEYOR_NATS_URL: fx.plane.natsUrl };
    await fx.client.createResourceDefinition({ name: 'greeting', schema: { type: 'object' } });
    await fx.client.createPipeline({ name: 'greet', resource: 'greeting', steps: [{ driver: 'greeter' }] });
    await fx.client.createResourceDefinition({ name: 'job', schema: { type: 'object' } });
    await fx.client.createPipeline({ name: 'work', resource: 'job', steps: [{ driver: 'slow' }] });
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await fx.stop();
  });

  it.each([
    ['an ES module with top-level await', 'esm-greeter.mjs', 'esm'],
    ['a CommonJS module', 'cjs-greeter.cjs', 'cjs'],
  ])('loads %s with import() and runs its drivers', async (_kind, file, name) => {
    const child = startCli(['run', resolve(__dirname, 'fixtures', file)], env);
    children.push(child);
    const seen = output(child);
    await until('the driver to start', () => seen.text.includes('running greeter'));
    const { runid } = await fx.client.createResource({
      name,
      resource: 'greeting',
      pipeline: 'greet',
      spec: { who: name },
    });
    const run = await waitFor('the run to succeed', async () => {
      const r = await fx.client.getRun(runid);
      return r.status === 'succeeded' ? r : undefined;
    });
    expect(run.steps[0].message).toBe(`hello ${name}`);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });

  it('refuses a module that starts its own application, in one line', async () => {
    const result = await runCli(['run', resolve(__dirname, 'fixtures/self-starting.ts')], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: \S+self-starting\.ts starts its own application \(ConveyorApplication\.start\(\) ran as it loaded\)[^\n]*\n$/,
    );
  });

  it('--watch restarts on a change, after the in-flight reconcile has finished', async () => {
    const dir = makeTempDir('conveyor-watch-');
    const module = join(dir, 'slow.driver.ts');
    writeFileSync(module, slowDriver('v1'));
    const child = startCli(['run', '--watch', module], env);
    children.push(child);
    const seen = output(child);
    await until('the first start', () => seen.text.includes('running slow'));
    const first = await fx.client.createResource({ name: 'j1', resource: 'job', pipeline: 'work', spec: {} });
    await waitFor('the reconcile to begin', async () =>
      (await fx.client.queryLogs({ runid: first.runid })).length > 0 ? true : undefined,
    );
    writeFileSync(module, slowDriver('v2'));
    await until('the restart', () => seen.text.includes('slow.driver.ts changed: restarting'));
    const run1 = await settled('the in-flight run to finish', first.runid);
    expect([run1.status, run1.steps[0].message]).toEqual(['succeeded', 'v1 done']);
    await until('the second start', () => seen.text.split('running slow').length === 3);
    const second = await fx.client.createResource({
      name: 'j2',
      resource: 'job',
      pipeline: 'work',
      spec: {},
    });
    const run2 = await settled('the new code to answer', second.runid);
    expect(run2.steps[0].message).toBe('v2 done');
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(seen.text).toContain('stopped');
  });
});
