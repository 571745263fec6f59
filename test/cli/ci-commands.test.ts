import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixture, type Fixture } from '../control-plane/support/control-plane-fixture';
import { TestDriver } from '../control-plane/nats/test-driver';
import { runCli, startCli } from './support/run-cli';
import { makeTempDir } from '../support/temp-dirs';

jest.setTimeout(180_000);

const DEFINITIONS = `
name: parcel
schema: { type: object }
---
name: ship
resource: parcel
steps:
  - { name: Pack, driver: packer }
  - { name: Post, driver: poster }
---
name: ship-broken
resource: parcel
steps:
  - { name: Pack, driver: packer }
  - { name: Lose, driver: loser }
`;

const resource = (name: string, pipeline = 'ship'): string =>
  `kind: Resource\nname: ${name}\nresource: parcel\npipeline: ${pipeline}\nspec: { weight: 2 }\n`;

/** `conveyor` as a CI job uses it: re-runnable apply, delete, wait and logs -f with exit codes. */
describe('the conveyor command in CI', () => {
  let fx: Fixture;
  let env: Record<string, string>;
  const drivers: TestDriver[] = [];
  const dir = makeTempDir('conveyor-ci-');
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    fx = await startFixture();
    env = { CONVEYOR_API_URL: fx.plane.apiUrl };
    const ok = (message: string) => async (_d: unknown, log: (m: string) => Promise<void>) => {
      await log(`${message} now`);
      await new Promise((r) => setTimeout(r, 300));
      return { success: true, message };
    };
    drivers.push(
      await TestDriver.start(fx.env.url, 'packer', ['parcel'], ok('packed')),
      await TestDriver.start(fx.env.url, 'poster', ['parcel'], ok('posted')),
      await TestDriver.start(fx.env.url, 'loser', ['parcel'], async () => ({
        success: false,
        message: 'parcel lost',
      })),
    );
    const applied = await runCli(['apply', '-f', file('definitions.yaml', DEFINITIONS)], { env });
    expect([applied.code, applied.stderr]).toEqual([
      0,
      expect.stringContaining('pipeline ship applied (created)'),
    ]);
  });

  afterAll(async () => {
    for (const driver of drivers) await driver.stop();
    await fx.stop();
  });

  it('re-applies definitions and pipelines as updates', async () => {
    const again = await runCli(['apply', '-f', join(dir, 'definitions.yaml')], { env });
    expect([again.code, again.stderr]).toEqual([
      0,
      expect.stringMatching(
        /resource definition parcel applied \(updated\)[^]*pipeline ship applied \(updated\)/,
      ),
    ]);
  });

  it('says so when a resource exists, and re-creates it with --replace', async () => {
    const path = file('first.yaml', resource('first'));
    const created = await runCli(['apply', '-f', path], { env });
    expect(created.code).toBe(0);
    const twice = await runCli(['apply', '-f', path], { env });
    expect([twice.code, twice.stdout, twice.stderr]).toEqual([
      1,
      '',
      expect.stringContaining('resource parcel/first exists already'),
    ]);
    expect(twice.stderr).toContain('--replace');
    const replaced = await runCli(['apply', '--replace', '-f', path], { env });
    expect(replaced.code).toBe(0);
    expect(replaced.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    expect(replaced.stdout.trim()).not.toBe(created.stdout.trim());
  });

  it('apply --wait prints a line per step and exits with the run outcome', async () => {
    const good = await runCli(['apply', '--wait', '-f', file('good.yaml', resource('good'))], { env });
    expect(good.stderr).toContain('✓ [1/2] Pack (packer) succeeded: packed');
    expect(good.stderr).toContain('✓ [2/2] Post (poster) succeeded: posted');
    expect([good.code, good.stdout]).toEqual([0, expect.stringMatching(/✓ run \S+ succeeded\n$/)]);

    const bad = await runCli(['apply', '-w', '-f', file('bad.yaml', resource('bad', 'ship-broken'))], {
      env,
    });
    expect(bad.stderr).toContain('✗ [2/2] Lose (loser) failed: parcel lost');
    expect([bad.code, bad.stdout]).toEqual([1, expect.stringContaining('failed at loser: parcel lost')]);
  });

  it('wait RUN exits 0 or 1 by outcome, and 1 for an unknown run', async () => {
    const good = (
      await fx.client.createResource({ name: 'w1', resource: 'parcel', pipeline: 'ship', spec: {} })
    ).runid;
    const bad = (
      await fx.client.createResource({ name: 'w2', resource: 'parcel', pipeline: 'ship-broken', spec: {} })
    ).runid;
    const waited = await runCli(['wait', good], { env });
    expect([waited.code, waited.stderr]).toEqual([
      0,
      expect.stringContaining('[2/2] Post (poster) succeeded'),
    ]);
    expect((await runCli(['wait', bad], { env })).code).toBe(1);
    const both = await runCli(['wait', good, bad], { env });
    expect(both.code).toBe(1);
    expect(both.stdout).toContain(`run ${good} succeeded`);
    const unknown = await runCli(['wait', 'no-such-run'], { env });
    expect([unknown.code, unknown.stderr]).toEqual([1, 'error: run no-such-run not found\n']);
  });

  it('logs -f ends with the run, exit code from its outcome; logs of an unknown run fail', async () => {
    const { runid } = await fx.client.createResource({
      name: 'followed',
      resource: 'parcel',
      pipeline: 'ship-broken',
      spec: {},
    });
    const following = startCli(['logs', '-f', runid], env);
    let stdout = '';
    following.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    following.stderr?.resume();
    const code = await new Promise((r) => following.on('close', r));
    expect(code).toBe(1);
    expect(stdout).toContain('packer | packed now');

    const unknown = await runCli(['logs', 'no-such-run'], { env });
    expect([unknown.code, unknown.stderr]).toEqual([1, 'error: run no-such-run not found\n']);
    const unknownFollow = await runCli(['logs', '-f', 'no-such-run'], { env });
    expect(unknownFollow.code).toBe(1);
  });

  it('deletes resources, pipelines and definitions; a missing one is an error unless ignored', async () => {
    const path = file(
      'doomed.yaml',
      `${DEFINITIONS.replace(/parcel/g, 'crate')}---\n${resource('c1').replace(/parcel/g, 'crate')}`,
    );
    expect((await runCli(['apply', '-f', path], { env })).code).toBe(0);
    const removed = await runCli(['delete', '-f', path], { env });
    expect([removed.code, removed.stderr]).toEqual([
      0,
      expect.stringMatching(
        /resource crate\/c1 deleted[^]*pipeline ship deleted[^]*resource definition crate deleted/,
      ),
    ]);
    await expect(fx.client.getResourceDefinition('crate')).rejects.toMatchObject({ notFound: true });
    await expect(fx.client.getPipeline('ship-broken')).rejects.toMatchObject({ notFound: true });

    const missing = await runCli(['delete', 'resource', 'parcel', 'never'], { env });
    expect([missing.code, missing.stderr]).toEqual([
      1,
      expect.stringContaining('resource parcel/never: not found'),
    ]);
    expect(
      (await runCli(['delete', 'resource', 'parcel', 'never', '--ignore-not-found'], { env })).code,
    ).toBe(0);
    expect((await runCli(['delete', 'pipeline'], { env })).code).toBe(2);
    expect((await runCli(['delete', 'resource', 'parcel', 'first'], { env })).code).toBe(0);
    await expect(fx.client.getResource('parcel', 'first')).rejects.toMatchObject({ notFound: true });
  });
});
