import { resolve } from 'node:path';
import { startFixture, type Fixture } from '../control-plane/support/control-plane-fixture';
import { waitFor } from '../control-plane/support/wait-for';
import { runCli, startCli, stopStartedClis } from './support/run-cli';

jest.setTimeout(120_000);

describe('conveyor run MODULE', () => {
  let fx: Fixture;

  beforeAll(async () => {
    fx = await startFixture();
  });
  afterAll(async () => {
    await stopStartedClis();
    await fx.stop();
  });

  it('runs the decorated drivers of a module against the control plane and stops gracefully on SIGTERM', async () => {
    const env = { CONVEYOR_API_URL: fx.plane.apiUrl, CONVEYOR_NATS_URL: fx.plane.natsUrl };
    const child = startCli(['run', resolve(__dirname, 'fixtures/greeter.driver.ts')], env);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout?.resume();
    await waitFor(
      'the driver to start',
      async () => (stderr.includes('running greeter') ? true : undefined),
      60_000,
    );

    await fx.client.createResourceDefinition({ name: 'greeting', schema: { type: 'object' } });
    await fx.client.createPipeline({ name: 'greet', resource: 'greeting', steps: [{ driver: 'greeter' }] });
    const { runid } = await fx.client.createResource({
      name: 'g1',
      resource: 'greeting',
      pipeline: 'greet',
      spec: { who: 'world' },
    });
    const run = await waitFor('the run to succeed', async () => {
      const r = await fx.client.getRun(runid);
      return r.status === 'succeeded' ? r : undefined;
    });
    expect(run.steps[0]).toMatchObject({ driver: 'greeter', status: 'succeeded', message: 'hello world' });
    await expect(
      waitFor('the greeting log', async () => {
        const logs = await fx.client.queryLogs({ runid });
        return logs.some((l) => l.message.includes('greeting world')) ? logs : undefined;
      }),
    ).resolves.toBeDefined();

    child.kill('SIGTERM');
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(0);
    expect(stderr).toContain('stopped');
  });

  it('refuses a module without drivers, and a missing file, with exit code 2', async () => {
    const none = await runCli(['run', resolve(__dirname, 'fixtures/no-drivers.ts')]);
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('no @Driver() class')]);
    const missing = await runCli(['run', 'does-not-exist.js']);
    expect([missing.code, missing.stderr]).toEqual([2, 'error: does-not-exist.js: no such file\n']);
  });
});
