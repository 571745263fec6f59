import { createLogPipeline, type LogPipeline } from '@conveyor-ts/core';
import { bindings, closedPort, startFakeLoki } from './log-test-kit';

interface PushBody {
  streams: { stream: Record<string, string>; values: [string, string][] }[];
}

// Grafana Loki cannot be installed here: the receiver checks Loki's documented push API instead.
describe('log pipeline: Loki sink (pino-loki) against a Loki push API receiver', () => {
  let pipeline: LogPipeline | undefined;
  afterEach(async () => {
    await pipeline?.close();
    pipeline = undefined;
  });

  it('pushes batches of JSON streams with low-cardinality labels and the run id in the line', async () => {
    const loki = await startFakeLoki();
    try {
      pipeline = createLogPipeline(undefined, {
        sinks: { stdout: false, loki: { url: loki.url, labels: { app: 'conveyor-driver' }, lingerMs: 200 } },
      });
      const logger = pipeline.forRun(bindings('run-loki'));
      for (let i = 0; i < 50; i++) logger.info(`line ${i}`, { headers: { authorization: 'Bearer s3cret' } });
      pipeline.forRun(bindings('run-loki-2', 'image-pusher')).error('push failed');
      await pipeline.flush();

      expect(loki.pushes.length).toBeGreaterThanOrEqual(1);
      expect(loki.pushes.length).toBeLessThanOrEqual(3); // batched, not one request per line
      const values: { labels: Record<string, string>; ns: string; line: Record<string, unknown> }[] = [];
      for (const push of loki.pushes) {
        expect(push.method).toBe('POST');
        expect(push.url).toBe('/loki/api/v1/push');
        expect(push.headers['content-type']).toBe('application/json');
        expect(push.headers['content-encoding']).toBeUndefined(); // pino-loki sends plain JSON
        const body = JSON.parse(push.body) as PushBody;
        for (const stream of body.streams) {
          for (const [ns, line] of stream.values) {
            values.push({ labels: stream.stream, ns, line: JSON.parse(line) as Record<string, unknown> });
          }
        }
      }
      expect(values).toHaveLength(51);
      for (const v of values) {
        expect(v.ns).toMatch(/^\d{19}$/);
        expect(Math.abs(Number(BigInt(v.ns) / 1_000_000n) - Date.now())).toBeLessThan(60_000);
        expect(Object.keys(v.labels).sort()).toEqual(['app', 'driver', 'hostname', 'level']);
        expect(JSON.stringify(v.labels)).not.toContain('run-loki');
      }
      const first = values[0];
      expect(first.labels).toMatchObject({ app: 'conveyor-driver', driver: 'git-cloner', level: 'info' });
      expect(first.line).toMatchObject({
        runId: 'run-loki',
        msg: 'line 0',
        headers: { authorization: '[Redacted]' },
      });
      expect(values.filter((v) => v.labels.driver === 'git-cloner').map((v) => v.line.msg)).toEqual(
        Array.from({ length: 50 }, (_, i) => `line ${i}`),
      );
      expect(values[50].labels).toMatchObject({ driver: 'image-pusher', level: 'error' });
      expect(pipeline.stats().loki).toEqual({ delivered: 51, dropped: 0, failed: 0, queued: 0 });
    } finally {
      await loki.stop();
    }
  });

  it('reads LOKI_URL when no option is given', async () => {
    const loki = await startFakeLoki();
    try {
      pipeline = createLogPipeline(undefined, { sinks: { stdout: false } }, { LOKI_URL: loki.url });
      pipeline.forRun(bindings('run-env')).info('via LOKI_URL');
      await pipeline.close();
      expect(loki.pushes).toHaveLength(1);
      expect(loki.pushes[0].body).toContain('via LOKI_URL');
    } finally {
      await loki.stop();
    }
  });

  it('counts entries as failed when Loki is unreachable, without disturbing the caller', async () => {
    const port = await closedPort();
    pipeline = createLogPipeline(undefined, {
      sinks: { stdout: false, loki: { url: `http://127.0.0.1:${port}`, lingerMs: 10 } },
      dropReportIntervalMs: 10,
    });
    const reports: [string, number][] = [];
    pipeline.onDrop((sink, count) => reports.push([sink, count]));
    const logger = pipeline.forRun(bindings('run-unreachable'));
    for (let i = 0; i < 100; i++) logger.info(`line ${i}`);
    await pipeline.flush();
    await pipeline.close();
    expect(pipeline.stats().loki).toEqual({ delivered: 0, dropped: 0, failed: 100, queued: 0 });
    expect(reports.reduce((n, [sink, count]) => n + (sink === 'loki' ? count : 0), 0)).toBe(100);
  });

  it('keeps memory bounded and the caller on time while Loki takes 10 s to answer', async () => {
    const loki = await startFakeLoki({ delayMs: 10_000 });
    try {
      pipeline = createLogPipeline(undefined, {
        sinks: {
          stdout: false,
          loki: { url: loki.url, capacity: 1000, batchSize: 500, lingerMs: 10, timeoutMs: 30_000 },
        },
        flushTimeoutMs: 500,
      });
      const logger = pipeline.forRun(bindings('run-slow'));
      const reconcile = async (): Promise<string> => {
        for (let i = 0; i < 5000; i++) {
          logger.info(`line ${i}`);
          if (i % 500 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return 'done';
      };
      await expect(reconcile()).resolves.toBe('done');
      // The reconcile finished while Loki still holds the first push.
      expect(loki.pending()).toBe(1);
      expect(loki.pushes).toHaveLength(0);
      const stats = pipeline.stats().loki;
      expect(stats.queued).toBeLessThanOrEqual(1000);
      expect(stats.dropped).toBe(4000);
      // Shutdown gives up after its timeout and counts what it could not send.
      await pipeline.close();
      const after = pipeline.stats().loki;
      expect(after.delivered).toBe(0);
      expect(after.dropped + after.queued).toBe(5000); // only the push Loki still holds is queued
      expect(after.queued).toBeLessThanOrEqual(500);
    } finally {
      await loki.stop();
    }
  });
});
