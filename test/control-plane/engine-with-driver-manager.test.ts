import { DriverManager } from '@conveyor-ts/core';
import { startFixture, type Fixture } from './support/control-plane-fixture';
import { waitFor } from './support/wait-for';

jest.setTimeout(60_000);

/** The engine with core's real DriverManager as the driver runtime (the same code `conveyor run` uses). */
describe('pipeline engine with the DriverManager', () => {
  let fx: Fixture;
  let manager: DriverManager;
  const attempts: number[] = [];

  beforeAll(async () => {
    fx = await startFixture();
    manager = new DriverManager({
      config: { apiUrl: fx.plane.apiUrl, natsUrl: fx.env.url },
      handleSignals: false,
    });
    manager.register({
      name: 'compile',
      resources: ['service'],
      reconcile: async (ctx) => {
        ctx.logger.info(`compiling ${ctx.resource.name}`);
        return { success: true, message: 'compiled', data: { artifact: `${ctx.resource.name}.tar` } };
      },
    });
    manager.register({
      name: 'deploy',
      resources: ['service'],
      options: { maxAttempts: 2, retry: { initialDelayMs: 50, maxDelayMs: 50 } },
      reconcile: async (ctx) => {
        attempts.push(ctx.message.attempt);
        const compiled = JSON.parse(ctx.resource.metadata?.['driverresults.compile'] ?? '{}') as {
          data?: { artifact?: string };
        };
        if (ctx.resource.name === 'flaky')
          throw new Error(`cluster unreachable while deploying ${compiled.data?.artifact}`);
        return { success: true, message: `deployed ${compiled.data?.artifact}` };
      },
    });
    await manager.start();
    await fx.client.createResourceDefinition({ name: 'service', schema: { type: 'object' } });
    await fx.client.createPipeline({
      name: 'release',
      resource: 'service',
      steps: [{ driver: 'compile' }, { driver: 'deploy' }],
    });
  });

  afterAll(async () => {
    await manager.stop();
    await fx.stop();
  });

  async function settled(runid: string) {
    return waitFor(
      `run ${runid} to settle`,
      async () => {
        const run = await fx.client.getRun(runid);
        return run.status === 'succeeded' || run.status === 'failed' ? run : undefined;
      },
      30_000,
    );
  }

  it('hands each step the earlier results and records the outcome of each', async () => {
    const { runid } = await fx.client.createResource({
      name: 'api',
      resource: 'service',
      pipeline: 'release',
      spec: {},
    });
    const run = await settled(runid);
    expect(run.steps.map((s) => [s.driver, s.status, s.message])).toEqual([
      ['compile', 'succeeded', 'compiled'],
      ['deploy', 'succeeded', 'deployed api.tar'],
    ]);
    const logs = await waitFor('the compile log', async () => {
      const l = await fx.client.queryLogs({ runid, driver: 'compile' });
      return l.length > 0 ? l : undefined;
    });
    expect(logs[0]).toMatchObject({
      runid,
      driver: 'compile',
      pipeline: 'release',
      message: 'compiling api',
    });
  });

  it('shows a step that keeps throwing as failed, with the error, once the manager gives up', async () => {
    const { runid } = await fx.client.createResource({
      name: 'flaky',
      resource: 'service',
      pipeline: 'release',
      spec: {},
    });
    const run = await settled(runid);
    expect(run.status).toBe('failed');
    expect(run.steps[1]).toMatchObject({
      driver: 'deploy',
      status: 'failed',
      message: expect.stringContaining('cluster unreachable while deploying flaky.tar'),
    });
    expect(attempts.slice(-2)).toEqual([1, 2]);
  });

  it('keeps working after nats-server restarts', async () => {
    await fx.env.restart();
    const { runid } = await waitFor('the API to accept a resource again', () =>
      fx.client.createResource({ name: 'after-restart', resource: 'service', pipeline: 'release', spec: {} }),
    );
    const run = await settled(runid);
    expect(run.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded']);
    await expect(fx.client.getResource('service', 'api')).resolves.toMatchObject({ name: 'api' });
  });
});
