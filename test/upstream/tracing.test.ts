import { SpanAttributes as A } from '@conveyor-ts/core';
import {
  Driver,
  Logger,
  Payload,
  Reconcile,
  type DriverLogger,
  type Resource,
} from '@conveyor-ts/decorators';
import { waitFor } from '../control-plane/support/wait-for';
import { eventually } from '../manager/support/manager-harness';
import { InMemoryTracing, parentOf } from '../tracing/support/in-memory-tracing';
import { describeUpstream } from './support/upstream-tools';
import { pipelineOf, startUpstreamFixture, type UpstreamFixture } from './support/upstream-fixture';

jest.setTimeout(120_000);

@Driver({ name: 'traced-build', resources: ['gadget'] })
class TracedBuild {
  @Reconcile()
  reconcile(@Payload() gadget: Resource, @Logger() log: DriverLogger) {
    log.progress(0.5, `half of ${gadget.name}`);
    return { success: true, message: 'built', data: null };
  }
}

@Driver({ name: 'traced-ship', resources: ['gadget'] })
class TracedShip {
  @Reconcile()
  reconcile(@Payload() gadget: Resource, @Logger() log: DriverLogger) {
    log.info(`shipping ${gadget.name}`);
    return { success: true, message: 'shipped', data: null };
  }
}

/**
 * With an OpenTelemetry SDK registered, the drivers send W3C headers on results and logs; the real
 * server ignores headers (protocol §7.4): the pipeline runs as without them, the progress line is
 * stored as an ordinary line, and each step's reconcile span is a root (the context does not cross
 * the server's engine).
 */
describeUpstream('tracing on, against the real Conveyor server', () => {
  let tracing: InMemoryTracing;
  let fx: UpstreamFixture;

  beforeAll(async () => {
    tracing = new InMemoryTracing();
    fx = await startUpstreamFixture({ drivers: [TracedBuild, TracedShip], logLevel: 'info' });
    await fx.client.createResourceDefinition({ name: 'gadget', description: '', version: '1', schema: true });
    await fx.client.createPipeline(pipelineOf('gadget-line', 'gadget', ['traced-build', 'traced-ship']));
  }, 90_000);
  afterAll(async () => {
    await fx?.stop();
    await tracing?.uninstall();
  });

  it('runs the pipeline unchanged, stores the progress line verbatim, and each reconcile is a root span', async () => {
    const { runid } = await fx.client.createResource({
      name: 'g1',
      resource: 'gadget',
      pipeline: 'gadget-line',
      spec: {},
    });
    await eventually(
      'both results stored',
      async () => {
        const { metadata } = await fx.client.getResource('gadget', 'g1');
        return 'driverresults.traced-ship' in (metadata ?? {});
      },
      30_000,
    );
    const stored = await waitFor('both lines stored', async () => {
      const entries = await fx.client.queryLogs({ runid });
      return entries.length === 2 ? entries : undefined;
    });
    expect(stored.map((e) => `${e.driver}: ${e.message}`).sort()).toEqual([
      'traced-build: [progress 50%] half of g1',
      'traced-ship: shipping g1',
    ]);
    const reconciles = await waitFor('both reconcile spans', async () => {
      const spans = tracing
        .spans()
        .filter((s) => s.name.startsWith('reconcile ') && s.attributes[A.runId] === runid);
      return spans.length === 2 ? spans : undefined;
    });
    expect(reconciles.map((s) => [s.name, parentOf(s)]).sort()).toEqual([
      ['reconcile traced-build', undefined],
      ['reconcile traced-ship', undefined],
    ]);
    expect(new Set(reconciles.map((s) => s.spanContext().traceId)).size).toBe(2);
  });
});
