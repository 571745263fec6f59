import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestDriver } from '../control-plane/nats/test-driver';
import { waitFor } from '../control-plane/support/wait-for';
import { runCli, startCli, stopStartedClis, waitForOutput } from './support/run-cli';

jest.setTimeout(120_000);

const MANIFEST = `
kind: Resource
name: site
resource: website
pipeline: deploy
spec:
  repo: https://example.com/site.git
---
name: deploy
resource: website
steps:
  - { id: "1", name: Build, driver: builder }
  - { id: "2", name: Publish, driver: publisher }
---
name: website
description: a static site
schema:
  type: object
  required: [repo]
  properties:
    repo: { type: string }
`;

describe('the conveyor command', () => {
  let dev: ChildProcess;
  let apiUrl: string;
  let natsUrl: string;
  let env: Record<string, string>;
  const drivers: TestDriver[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-cli-'));

  beforeAll(async () => {
    dev = startCli(['dev', '--port', '0', '--nats-port', '0']);
    const banner = await waitForOutput(dev, /Press Ctrl-C to stop/);
    apiUrl = /API: +(\S+)/.exec(banner)![1];
    natsUrl = /NATS: +(\S+)/.exec(banner)![1];
    env = { CONVEYOR_API_URL: apiUrl };
    drivers.push(
      await TestDriver.start(natsUrl, 'builder', ['website'], async (_d, log) => {
        await log('building the site');
        return { success: true, message: 'built' };
      }),
      await TestDriver.start(natsUrl, 'publisher', ['website'], async (_d, log) => {
        await log('cannot reach the bucket');
        return { success: false, message: 'bucket not found' };
      }),
    );
  });

  afterAll(async () => {
    for (const driver of drivers) await driver.stop();
    await stopStartedClis();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has --help for every command', async () => {
    for (const args of [
      ['--help'],
      ['dev', '--help'],
      ['apply', '--help'],
      ['get', 'resource', '--help'],
      ['logs', '--help'],
      ['runs', '--help'],
      ['run', '--help'],
      ['wait', '--help'],
      ['delete', '--help'],
    ]) {
      const result = await runCli(args);
      expect([args.join(' '), result.code, result.stdout]).toEqual([
        args.join(' '),
        0,
        expect.stringContaining('Usage: conveyor'),
      ]);
    }
  });

  it('applies a YAML file in dependency order and prints the run id; the run fails visibly at the failing step', async () => {
    const file = join(dir, 'site.yaml');
    writeFileSync(file, MANIFEST);
    const applied = await runCli(['apply', '-f', file], { env });
    expect(applied.stderr).toContain('resource definition website applied');
    expect(applied.stderr).toContain('pipeline deploy applied');
    expect(applied.code).toBe(0);
    const runid = applied.stdout.trim();
    expect(runid).toMatch(/^[0-9a-f-]{36}$/);

    await waitFor(
      'the run to fail',
      async () => {
        const runs = await runCli(['runs', '--json', '--status', 'failed'], { env });
        return (JSON.parse(runs.stdout) as Array<{ runid: string }>).some((r) => r.runid === runid)
          ? true
          : undefined;
      },
      60_000,
    );
    const runs = await runCli(['runs'], { env });
    expect(runs.stdout).toMatch(new RegExp(`${runid} +website/site +deploy +failed +builder ✓  publisher ✗`));
    expect(runs.stdout).toContain(`✗ ${runid}: publisher: bucket not found`);

    const logs = await runCli(['logs', runid], { env });
    expect(
      logs.stdout
        .trim()
        .split('\n')
        .map((l) => l.replace(/^\S+ /, '')),
    ).toEqual(['builder | building the site', 'publisher | cannot reach the bucket']);

    const resource = await runCli(['get', 'resource', 'website', 'site', '-o', 'yaml'], { env });
    expect(resource.stdout).toContain('name: site');
    expect(resource.stdout).toContain('driverresults.publisher:');
    const definition = JSON.parse((await runCli(['get', 'definition', 'website'], { env })).stdout) as {
      description: string;
    };
    expect(definition.description).toBe('a static site');
    expect(JSON.parse((await runCli(['get', 'run', runid], { env })).stdout)).toMatchObject({
      status: 'failed',
    });
    const versioned = await runCli(['get', 'resource', 'website', 'site', '--resource-version', '1'], {
      env,
    });
    expect(JSON.parse(versioned.stdout)).toMatchObject({ metadata: { version: '1' } });
  });

  it('follows logs live and stops on SIGINT', async () => {
    let release = (): void => undefined;
    const holder = await TestDriver.start(natsUrl, 'holder', ['website'], async () => {
      await new Promise<void>((r) => (release = r));
      return { success: true, message: 'released' };
    });
    drivers.push(holder);
    const file = join(dir, 'held.yaml');
    writeFileSync(
      file,
      'name: hold\nresource: website\nsteps: [{ driver: holder }]\n---\nname: held\nresource: website\npipeline: hold\nspec: { repo: r }\n',
    );
    const runid = (await runCli(['apply', '-f', file], { env })).stdout.trim();
    const following = startCli(['logs', runid, '--follow'], env);
    const { NatsTransport, Subjects, encodeJson, openNatsConnection } = await import('@conveyor-ts/core');
    const nc = await openNatsConnection({ servers: [natsUrl] });
    const transport = new NatsTransport(nc);
    const seen = waitForOutput(following, /hello live/);
    // Live entries are not stored: publish until the CLI process (slow to start under load) has subscribed.
    const entry = encodeJson({
      runid,
      driver: 'drv',
      pipeline: '',
      timestamp: 't',
      message: 'hello live',
    });
    const publisher = setInterval(() => transport.publish(Subjects.liveLogs(runid, 'drv'), entry), 250);
    await seen.finally(() => clearInterval(publisher));
    await expect(seen).resolves.toContain('t drv | hello live');
    await nc.close();
    following.kill('SIGINT');
    await expect(new Promise((r) => following.on('close', r))).resolves.toBe(0);
    release();
  });

  it('fails with clear messages and exit codes', async () => {
    const missing = await runCli(['get', 'resource', 'website', 'nope'], { env });
    expect([missing.code, missing.stderr]).toEqual([
      1,
      'error: resource website/nope: not found: Failed to find resource: resource with name nope and type website not found\n',
    ]);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: x\nresource: website\nspec: {}\n');
    const invalid = await runCli(['apply', '-f', bad], { env });
    expect([invalid.code, invalid.stderr]).toEqual([
      1,
      expect.stringMatching(/^error: .*bad\.yaml#1 resource x: HTTP 400: Resource validation failed: .*repo/),
    ]);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'name: [unclosed\n');
    expect((await runCli(['apply', '-f', broken], { env })).code).toBe(2);
    const unknown = join(dir, 'unknown.json');
    writeFileSync(unknown, '[{"name": "what"}]');
    const unclassified = await runCli(['apply', '-f', unknown], { env });
    expect([unclassified.code, unclassified.stderr]).toEqual([
      2,
      expect.stringContaining('unknown.json#1: cannot tell what this is'),
    ]);
    const down = await runCli(['runs'], { env: { CONVEYOR_API_URL: 'http://127.0.0.1:9' } });
    expect([down.code, down.stderr]).toEqual([3, expect.stringContaining('cannot reach the Conveyor API')]);
    expect((await runCli(['logs'], { env })).code).toBe(2);
  });

  it('stops dev cleanly on SIGINT', async () => {
    dev.kill('SIGINT');
    const code = await new Promise((r) => dev.on('close', r));
    expect(code).toBe(0);
    const after = await runCli(['runs'], { env });
    expect(after.code).toBe(3);
  });
});
