import { PassThrough } from 'node:stream';
import { createLogPipeline, DEFAULT_REDACT_PATHS, Subjects, type NatsTransport } from '@conveyor-ts/core';
import { startTestEnvironment, type TestEnvironment } from '@conveyor-ts/core/testing';
import { bindings, collect, connectTransport, readStoredLogs, startFakeLoki } from './log-test-kit';

function capture(): { stream: PassThrough; lines: () => Record<string, unknown>[] } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return {
    stream,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('log pipeline: stdout, redaction and shutdown', () => {
  let env: TestEnvironment;
  let transport: NatsTransport;

  beforeAll(async () => {
    env = await startTestEnvironment();
    transport = await connectTransport(env.url);
  });
  afterAll(async () => {
    await transport.close();
    await env.stop();
  });

  it('writes pino JSON lines with the run bindings and labels, secrets redacted', async () => {
    const out = capture();
    const pipeline = createLogPipeline(undefined, {
      level: 'debug',
      redact: [...DEFAULT_REDACT_PATHS, 'cookieJar'],
      sinks: { stdout: { destination: out.stream, pretty: false } },
    });
    const logger = pipeline.forRun(bindings('run-stdout')).child({ step: 'clone' });
    logger.debug('fetching', { headers: { authorization: 'Bearer abc', accept: 'json' }, token: 't0k' });
    logger.info('with a password', { password: 'hunter2', cookieJar: 'c', user: 'me' });
    pipeline.process.warn('runtime line', { server: 'nats://x' });
    await pipeline.close();

    const [first, second, third] = out.lines();
    expect(first).toMatchObject({
      level: 20,
      msg: 'fetching',
      driver: 'git-cloner',
      runId: 'run-stdout',
      event: 'create',
      messageId: 'msg-run-stdout',
      pipeline: 'flutter-pipeline',
      step: 'clone',
      headers: { authorization: '[Redacted]', accept: 'json' },
      token: '[Redacted]',
    });
    expect(second).toMatchObject({ password: '[Redacted]', cookieJar: '[Redacted]', user: 'me' });
    expect(third).toMatchObject({ level: 40, msg: 'runtime line', component: 'conveyor-runtime' });
    expect(JSON.stringify(out.lines())).not.toMatch(/hunter2|Bearer abc|t0k/);
  });

  it('pretty-prints when asked', async () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (c: Buffer) => (text += c.toString()));
    const pipeline = createLogPipeline(undefined, {
      sinks: { stdout: { destination: stream, pretty: true } },
    });
    pipeline.forRun(bindings('run-pretty')).info('human readable');
    await pipeline.close();
    expect(text).toMatch(/INFO.*human readable/);
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('close() flushes every sink, so the last lines of a stopped driver are not lost', async () => {
    const loki = await startFakeLoki();
    const out = capture();
    try {
      const pipeline = createLogPipeline(transport, {
        sinks: {
          legacy: true,
          stdout: { destination: out.stream, pretty: false },
          loki: { url: loki.url, lingerMs: 60_000 },
        },
      });
      const live = collect(transport, Subjects.liveLogs('run-last', 'git-cloner'), 300);
      const legacy = collect(transport, Subjects.legacyLiveLogs('git-cloner', 'run-last'), 300);
      const logger = pipeline.forRun(bindings('run-last'));
      for (let i = 0; i < 300; i++) logger.info(`last ${i}`);
      await pipeline.close();
      await pipeline.close(); // idempotent

      const expected = Array.from({ length: 300 }, (_, i) => `last ${i}`);
      expect((await readStoredLogs(env.url, 'run-last', 300)).map((s) => s.entry.message)).toEqual(expected);
      expect((await live.done).map((m) => (JSON.parse(m.text) as { message: string }).message)).toEqual(
        expected,
      );
      expect((await legacy.done).map((m) => (JSON.parse(m.text) as string[])[1])).toEqual(expected);
      expect(out.lines().map((l) => l.msg)).toEqual(expected);
      const pushed = loki.pushes.flatMap(
        (p) => (JSON.parse(p.body) as { streams: { values: [string, string][] }[] }).streams,
      );
      expect(pushed.map((s) => (JSON.parse(s.values[0][1]) as { msg: string }).msg)).toEqual(expected);
      for (const stats of Object.values(pipeline.stats())) {
        expect(stats).toEqual({ delivered: 300, dropped: 0, failed: 0, queued: 0 });
      }
      // After close, entries are refused and counted, never thrown.
      expect(() => logger.info('too late')).not.toThrow();
      expect(pipeline.stats().jetstream.dropped).toBe(1);
    } finally {
      await loki.stop();
    }
  });
});
