import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConveyorClient } from '@conveyor-ts/core';
import { startTestEnvironment, type TestEnvironment } from '@conveyor-ts/core/testing';
import { ControlPlane } from '@conveyor-ts/control-plane';
import { RecordingLogger } from '../control-plane/support/control-plane-fixture';
import { TestDriver } from '../control-plane/nats/test-driver';
import { waitFor } from '../control-plane/support/wait-for';
import { runCli, startCli } from './support/run-cli';
import { makeTempDir } from '../support/temp-dirs';

jest.setTimeout(180_000);

/** A step whose driver nobody consumes is warned about at apply, marked stalled, and ends `wait`. */
describe('stall detection', () => {
  let nats: TestEnvironment;
  let plane: ControlPlane;
  let client: ConveyorClient;
  let env: Record<string, string>;
  let builder: TestDriver;
  const logger = new RecordingLogger();
  const dir = makeTempDir('conveyor-stall-');

  beforeAll(async () => {
    nats = await startTestEnvironment();
    plane = await ControlPlane.start({ natsUrl: nats.url, port: 0, logger, stallAfterMs: 1_500 });
    client = new ConveyorClient({ apiUrl: plane.apiUrl });
    env = { CONVEYOR_API_URL: plane.apiUrl, CONVEYOR_NATS_URL: nats.url };
    builder = await TestDriver.start(nats.url, 'builder', ['site'], async () => ({
      success: true,
      message: 'built',
    }));
  });
  afterAll(async () => {
    await builder.stop();
    await plane.stop();
    await nats.stop();
  });

  it('apply warns about steps no running driver consumes, a typo and a missing resource type alike', async () => {
    const file = join(dir, 'site.yaml');
    writeFileSync(
      file,
      `name: site\nschema: { type: object }\n---\nname: deploy\nresource: site\nsteps: [{ driver: builder }, { name: Publish, driver: publsher }]\n---\nname: docs\nschema: { type: object }\n---\nname: build-docs\nresource: docs\nsteps: [{ driver: builder }]\n`,
    );
    const applied = await runCli(['apply', '-f', file], { env });
    expect(applied.code).toBe(0);
    expect(applied.stderr).toContain(
      'warning: pipeline deploy: no running driver consumes step "Publish" (driver publsher, resource site): is publsher started, and spelt so?',
    );
    expect(applied.stderr).toContain('builder runs, but docs is not among its resources');
    expect(applied.stderr).not.toContain('step "builder" (driver builder, resource site)');
  });

  it('marks the step stalled; runs, get run and wait show it', async () => {
    const { runid } = await client.createResource({
      name: 'www',
      resource: 'site',
      pipeline: 'deploy',
      spec: {},
    });
    const waited = await runCli(['wait', runid], { env });
    expect([waited.code, waited.stdout]).toEqual([
      1,
      expect.stringContaining(`run ${runid} stalled at publsher`),
    ]);
    expect(waited.stderr).toContain('[2/2] Publish (publsher) stalled: no consumer of driver "publsher"');

    const run = JSON.parse((await runCli(['get', 'run', runid], { env })).stdout) as {
      status: string;
      steps: Array<{ status: string }>;
    };
    expect([run.status, run.steps.map((s) => s.status)]).toEqual(['running', ['succeeded', 'stalled']]);
    const runs = await runCli(['runs'], { env });
    expect(runs.stdout).toMatch(new RegExp(`${runid} .*builder ✓  publsher ⏸`));
    expect(runs.stdout).toContain(`⏸ ${runid}: publsher stalled: no consumer of driver "publsher"`);
    expect(logger.warnings.some((w) => w.includes(`run ${runid}: step 2 stalled`))).toBe(true);
  });

  it('a driver warns at start about resource types without a definition', async () => {
    const child = startCli(['run', resolve(__dirname, 'fixtures/greeter.driver.ts')], env);
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    await waitFor(
      'the warning',
      async () =>
        output.includes('listens to resource type \\"greeting\\"') ||
        output.includes('listens to resource type "greeting"')
          ? true
          : undefined,
      90_000,
    ).finally(() => child.kill('SIGTERM'));
    expect(output).toContain('which has no resource definition at');
    await new Promise((r) => child.on('close', r));
  });
});
