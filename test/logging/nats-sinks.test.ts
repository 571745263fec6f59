import { createLogPipeline, Subjects, type LogPipeline, type NatsTransport } from '@conveyor-ts/core';
import { startTestEnvironment, type TestEnvironment } from '@conveyor-ts/core/testing';
import { bindings, collect, connectTransport, readStoredLogs } from './log-test-kit';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

describe('log pipeline: NATS sinks on a real nats-server', () => {
  let env: TestEnvironment;
  let transport: NatsTransport;
  let pipeline: LogPipeline | undefined;

  beforeAll(async () => {
    env = await startTestEnvironment();
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

  it('publishes the exact Log JSON to logs.<run_id>, live.logs.<run_id>.<driver> and, when on, the legacy subject', async () => {
    pipeline = createLogPipeline(transport, { sinks: { stdout: false, legacy: true } });
    const live = collect(transport, Subjects.liveLogs('run-1', 'git-cloner'), 3);
    const legacy = collect(transport, Subjects.legacyLiveLogs('git-cloner', 'run-1'), 3);
    const logger = pipeline.forRun(bindings('run-1'));
    logger.info('Cloning https://github.com/org/repo');
    logger.log({ step: 'clone' }, 'Go-style line');
    logger.child({ phase: 'checkout' }).warn('detached HEAD');
    logger.debug('below the level: never published');
    await pipeline.flush();

    const stored = await readStoredLogs(env.url, 'run-1', 3);
    expect(stored.map((s) => s.subject)).toEqual(['logs.run-1', 'logs.run-1', 'logs.run-1']);
    expect(stored.map((s) => s.entry.message)).toEqual([
      'Cloning https://github.com/org/repo',
      'Go-style line',
      'detached HEAD',
    ]);
    for (const { entry } of stored) {
      // Exactly the five fields of protocol §3.8, in the server's order; labels are not persisted.
      expect(Object.keys(entry)).toEqual(['runid', 'driver', 'pipeline', 'timestamp', 'message']);
      expect(entry).toMatchObject({ runid: 'run-1', driver: 'git-cloner', pipeline: 'flutter-pipeline' });
      expect(entry.timestamp).toMatch(TIMESTAMP);
    }
    const timestamps = stored.map((s) => s.entry.timestamp);
    expect([...timestamps].sort()).toEqual(timestamps);
    expect(new Set(timestamps).size).toBe(3);

    const liveMessages = await live.done;
    expect(liveMessages.map((m) => JSON.parse(m.text))).toEqual(stored.map((s) => s.entry));

    const legacyMessages = (await legacy.done).map((m) => JSON.parse(m.text) as string[]);
    expect(legacyMessages.map((m) => m[1])).toEqual(stored.map((s) => s.entry.message));
    for (const [seconds] of legacyMessages) {
      expect(seconds).toMatch(/^\d{10}$/);
      expect(Math.abs(Number(seconds) - Date.now() / 1000)).toBeLessThan(120);
    }
    expect(pipeline.stats()).toEqual({
      jetstream: { delivered: 3, dropped: 0, failed: 0, queued: 0 },
      live: { delivered: 3, dropped: 0, failed: 0, queued: 0 },
      legacy: { delivered: 3, dropped: 0, failed: 0, queued: 0 },
    });
  });

  it('takes 10,000 lines from one burst without stalling the caller and delivers them all in order', async () => {
    pipeline = createLogPipeline(transport, { sinks: { stdout: false } });
    const live = collect(transport, Subjects.liveLogs('run-burst', 'git-cloner'), 10_000);
    const logger = pipeline.forRun(bindings('run-burst'));

    for (let i = 0; i < 10_000; i++) logger.info(`line ${i}`);
    // The burst returned before anything was sent: publishing happens behind the queue.
    expect(pipeline.stats().jetstream).toMatchObject({ delivered: 0, queued: 10_000 });

    // The event loop keeps turning while the backlog drains (a reconcile's own I/O is not starved).
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    await pipeline.flush();
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(0);

    expect(pipeline.stats().jetstream).toEqual({ delivered: 10_000, dropped: 0, failed: 0, queued: 0 });
    const stored = await readStoredLogs(env.url, 'run-burst', 10_000);
    expect(stored.map((s) => s.entry.message)).toEqual(Array.from({ length: 10_000 }, (_, i) => `line ${i}`));
    const timestamps = stored.map((s) => s.entry.timestamp);
    expect([...timestamps].sort()).toEqual(timestamps);
    const liveTexts = (await live.done).map((m) => (JSON.parse(m.text) as { message: string }).message);
    expect(liveTexts).toEqual(Array.from({ length: 10_000 }, (_, i) => `line ${i}`));
  });

  it('keeps each run in order when runs interleave', async () => {
    pipeline = createLogPipeline(transport, { sinks: { stdout: false, jetstream: false } });
    const a = collect(transport, Subjects.liveLogsOfRun('run-a'), 500);
    const b = collect(transport, Subjects.liveLogsOfRun('run-b'), 500);
    const la = pipeline.forRun(bindings('run-a'));
    const lb = pipeline.forRun(bindings('run-b', 'image-pusher'));
    for (let i = 0; i < 500; i++) {
      la.info(`a${i}`);
      lb.info(`b${i}`);
    }
    await pipeline.flush();
    const messages = async (c: ReturnType<typeof collect>) =>
      (await c.done).map((m) => (JSON.parse(m.text) as { message: string }).message);
    expect(await messages(a)).toEqual(Array.from({ length: 500 }, (_, i) => `a${i}`));
    expect(await messages(b)).toEqual(Array.from({ length: 500 }, (_, i) => `b${i}`));
  });
});
