import { createLogPipeline, Subjects, type LogPipeline, type NatsTransport } from '@conveyor-ts/core';
import { startTestEnvironment, type TestEnvironment } from '@conveyor-ts/core/testing';
import { bindings, collect, connectTransport } from './log-test-kit';

describe('log pipeline: the logs-engine stream is missing', () => {
  let env: TestEnvironment;
  let transport: NatsTransport;
  let pipeline: LogPipeline | undefined;

  beforeAll(async () => {
    env = await startTestEnvironment({ streams: false });
    transport = await connectTransport(env.url);
  });
  afterEach(async () => {
    await pipeline?.close();
    pipeline = undefined;
  });
  afterAll(async () => {
    await transport.close();
    await env.stop();
  });

  it('counts stored entries as failed, reports them, and still streams them live', async () => {
    pipeline = createLogPipeline(transport, { sinks: { stdout: false }, dropReportIntervalMs: 20 });
    const reports: [string, number][] = [];
    pipeline.onDrop((sink, count) => reports.push([sink, count]));
    const live = collect(transport, Subjects.liveLogs('run-nostream', 'git-cloner'), 2000);
    const logger = pipeline.forRun(bindings('run-nostream'));

    const reconcile = async (): Promise<boolean> => {
      for (let i = 0; i < 2000; i++) logger.info(`line ${i}`);
      await new Promise((resolve) => setImmediate(resolve));
      return true;
    };
    await expect(reconcile()).resolves.toBe(true);
    await pipeline.flush();

    expect(pipeline.stats().jetstream).toEqual({ delivered: 0, dropped: 0, failed: 2000, queued: 0 });
    expect(pipeline.stats().live).toEqual({ delivered: 2000, dropped: 0, failed: 0, queued: 0 });
    expect((await live.done).length).toBe(2000);
    await pipeline.close();
    expect(reports.filter(([sink]) => sink === 'jetstream').reduce((n, [, c]) => n + c, 0)).toBe(2000);
    expect(reports.some(([sink]) => sink === 'live')).toBe(false);
  });

  it('drops beyond the queue bound, counts the drops, and keeps memory bounded', async () => {
    pipeline = createLogPipeline(transport, {
      sinks: { stdout: false, live: false, jetstream: { capacity: 100 } },
      dropReportIntervalMs: 20,
    });
    const reports: number[] = [];
    pipeline.onDrop((_sink, count) => reports.push(count));
    const logger = pipeline.forRun(bindings('run-bounded'));
    for (let i = 0; i < 5000; i++) logger.info(`line ${i}`);
    expect(pipeline.stats().jetstream).toMatchObject({ queued: 100, dropped: 4900 });
    await pipeline.close();
    expect(pipeline.stats().jetstream).toEqual({ delivered: 0, dropped: 4900, failed: 100, queued: 0 });
    expect(reports.reduce((n, c) => n + c, 0)).toBe(5000);
  });
});
