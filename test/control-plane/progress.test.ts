import { parseProgressLine, type DriverManager } from '@conveyor-ts/core';
import { startFixture, type Fixture } from './support/control-plane-fixture';
import { startPipelineDrivers } from './support/pipeline-drivers';
import { waitFor } from './support/wait-for';

jest.setTimeout(60_000);

/** `logger.progress()` from a real DriverManager: stored as log lines, throttled, and kept on the run's step. */
describe('progress of a reconcile', () => {
  let fx: Fixture;
  let manager: DriverManager;
  let release: () => void = () => undefined;
  const halfway = new Promise<void>((resolve) => (release = resolve));
  let proceed: () => void = () => undefined;
  const goOn = new Promise<void>((resolve) => (proceed = resolve));

  beforeAll(async () => {
    fx = await startFixture();
    manager = await startPipelineDrivers(fx, 'ci', [
      {
        name: 'build',
        reconcile: async ({ logger }) => {
          logger.progress(Number.NaN); // a mistake: a warning line, not a throw
          // A tight loop, half of it through a child logger: the run's one throttle lets a handful through.
          const child = logger.child({ phase: 'compile' });
          for (let i = 0; i <= 5000; i++) (i % 2 ? child : logger).progress(i / 10_000, 'compiling');
          release();
          await goOn;
          logger.progress(1, 'done');
          return { success: true, message: 'built' };
        },
      },
    ]);
  });

  afterAll(async () => {
    proceed();
    await manager?.stop();
    await fx?.stop();
  });

  it('shows the latest progress on the running step, then 100% once done, from a few stored lines', async () => {
    const { runid } = await fx.client.createResource({
      name: 'api',
      resource: 'service',
      pipeline: 'ci',
      spec: {},
    });
    await halfway;
    const running = await waitFor('progress 50% on the step', async () => {
      const run = await fx.client.getRun(runid);
      return run.steps[0].progress?.fraction === 0.5 ? run : undefined;
    });
    expect(running.steps[0]).toMatchObject({
      status: 'running',
      progress: { fraction: 0.5, note: 'compiling' },
    });
    proceed();
    await waitFor('the run to succeed', async () =>
      (await fx.client.getRun(runid)).status === 'succeeded' ? true : undefined,
    );
    const logs = await waitFor('the stored progress lines', async () => {
      const entries = await fx.client.queryLogs({ runid });
      return entries.some((e) => e.message === '[progress 100%] done') ? entries : undefined;
    });
    const progress = logs.map((e) => parseProgressLine(e.message)).filter((p) => p !== undefined);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.length).toBeLessThan(10);
    expect(progress[0]).toEqual({ fraction: 0, note: 'compiling' });
    expect(logs.map((e) => e.message)).toContain('progress() needs a fraction from 0 to 1, got NaN; ignored');
    const finished = await fx.client.getRun(runid);
    expect(finished.steps[0].status).toBe('succeeded');
  });
});
