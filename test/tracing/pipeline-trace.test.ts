import { connect, type NatsConnection } from 'nats';
import { SpanAttributes as A, type DriverManager } from '@conveyor-ts/core';
import { SpanStatusCode } from '@opentelemetry/api';
import { startFixture, type Fixture } from '../control-plane/support/control-plane-fixture';
import { startPipelineDrivers } from '../control-plane/support/pipeline-drivers';
import { waitFor } from '../control-plane/support/wait-for';
import { InMemoryTracing, parentOf } from './support/in-memory-tracing';

jest.setTimeout(60_000);

/**
 * A pipeline run through the control plane's engine and the DriverManager, with the OpenTelemetry SDK
 * registered: one trace per run, the steps children of its root span, every attempt a reconcile span.
 */
describe('tracing a pipeline run', () => {
  let tracing: InMemoryTracing;
  let fx: Fixture;
  let manager: DriverManager;
  let nc: NatsConnection;
  const logTraceparents = new Map<string, string[]>();

  beforeAll(async () => {
    tracing = new InMemoryTracing();
    fx = await startFixture();
    nc = await connect({ servers: fx.env.url });
    nc.subscribe('logs.>', {
      callback: (_, msg) => {
        const runId = msg.subject.slice('logs.'.length);
        logTraceparents.set(runId, [
          ...(logTraceparents.get(runId) ?? []),
          msg.headers?.get('traceparent') ?? '',
        ]);
      },
    });
    manager = await startPipelineDrivers(fx, 'release', [
      {
        name: 'compile',
        reconcile: async (ctx) => {
          ctx.logger.info(`compiling ${ctx.resource.name}`);
          return { success: true, message: 'compiled' };
        },
      },
      {
        name: 'deploy',
        options: { maxAttempts: 3, retry: { initialDelayMs: 50, maxDelayMs: 50 } },
        reconcile: async (ctx) => {
          if (ctx.message.attempt === 1) throw new Error('cluster unreachable');
          return { success: true, message: 'deployed' };
        },
      },
    ]);
  });

  afterAll(async () => {
    await manager?.stop();
    await nc?.close();
    await fx?.stop();
    await tracing?.uninstall();
  });

  async function runToEnd(name: string) {
    const { runid } = await fx.client.createResource({
      name,
      resource: 'service',
      pipeline: 'release',
      spec: {},
    });
    await waitFor(`run ${runid} to succeed`, async () =>
      (await fx.client.getRun(runid)).status === 'succeeded' ? true : undefined,
    );
    const root = await waitFor('the root span', async () =>
      tracing.spans().find((s) => s.name === 'run release' && s.attributes[A.runId] === runid),
    );
    const traceId = root.spanContext().traceId;
    // Settlement spans end just after the run record says succeeded.
    const spans = await waitFor('both steps settled', async () => {
      const all = tracing.trace(traceId);
      return all.filter((s) => s.name === 'ack').length >= 2 ? all : undefined;
    });
    return { runid, root, spans, traceId };
  }

  it('makes one trace of the run: root, steps as its children, each attempt a reconcile span', async () => {
    const { runid, root, spans, traceId } = await runToEnd('api');
    expect(parentOf(root)).toBeUndefined();
    const named = (name: string) => spans.filter((s) => s.name === name);
    const [step0] = named('step 0 compile');
    const [step1] = named('step 1 deploy');
    expect(parentOf(step0)).toBe(root.spanContext().spanId);
    expect(parentOf(step1)).toBe(root.spanContext().spanId);

    const [compile] = named('reconcile compile');
    expect(parentOf(compile)).toBe(step0.spanContext().spanId);
    expect(compile.attributes).toMatchObject({
      [A.driver]: 'compile',
      [A.resourceType]: 'service',
      [A.resourceName]: 'api',
      [A.runId]: runid,
      [A.event]: 'create',
      [A.attempt]: 1,
      [A.outcome]: 'success',
      [A.settlement]: 'ack',
    });

    // The retried step: two attempts under the same step span, the first one failed with its error.
    const deploys = named('reconcile deploy').sort(
      (a, b) => Number(a.attributes[A.attempt]) - Number(b.attributes[A.attempt]),
    );
    expect(
      deploys.map((s) => [s.attributes[A.attempt], s.attributes[A.outcome], s.attributes[A.settlement]]),
    ).toEqual([
      [1, 'failed', 'nak'],
      [2, 'success', 'ack'],
    ]);
    for (const attempt of deploys) expect(parentOf(attempt)).toBe(step1.spanContext().spanId);
    expect(deploys[0].status).toEqual({ code: SpanStatusCode.ERROR, message: 'cluster unreachable' });
    expect(deploys[0].events.map((e) => e.name)).toContain('exception');
    expect(deploys[1].attributes[A.event]).toBe('process');

    // Publish and ack are children of the reconcile span; the next step links to the result publish.
    for (const reconcile of [compile, deploys[1]]) {
      const children = spans.filter((s) => parentOf(s) === reconcile.spanContext().spanId).map((s) => s.name);
      expect(children.sort()).toEqual(['ack', 'publish result']);
    }
    const compilePublish = spans.find(
      (s) => s.name === 'publish result' && parentOf(s) === compile.spanContext().spanId,
    );
    expect(step1.links.map((l) => l.context.spanId)).toEqual([compilePublish!.spanContext().spanId]);

    // The run's stored log entries carry the trace context of their reconcile.
    await waitFor('log entries', async () => (logTraceparents.get(runid)?.length ? true : undefined));
    for (const traceparent of logTraceparents.get(runid)!) expect(traceparent.split('-')[1]).toBe(traceId);
  });

  it('gives every run a trace of its own', async () => {
    const first = await runToEnd('web');
    const second = await runToEnd('worker');
    expect(first.traceId).not.toBe(second.traceId);
    expect(
      second.spans.every(
        (s) => s.attributes[A.runId] === undefined || s.attributes[A.runId] === second.runid,
      ),
    ).toBe(true);
  });
});
