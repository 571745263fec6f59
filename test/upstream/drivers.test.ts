import { ConveyorClient, stepResultKey, type LogEntry } from '@conveyor-ts/core';
import {
  Driver,
  Event,
  Logger,
  Payload,
  Reconcile,
  RunId,
  type DriverLogger,
  type Resource,
} from '@conveyor-ts/decorators';
import { eventually } from '../manager/support/manager-harness';
import { describeUpstream } from './support/upstream-tools';
import { pipelineOf, startUpstreamFixture, type UpstreamFixture } from './support/upstream-fixture';

/** What the drivers saw, shared through the application's container. */
class Seen {
  readonly calls: Array<{
    driver: string;
    event: string;
    name: string;
    runId: string;
    metadata: Resource['metadata'];
  }> = [];
  /** Opened by the test: the slow step waits on it, to log a line while a follower is attached. */
  release!: () => void;
  readonly gate = new Promise<void>((resolve) => (this.release = resolve));
}
const seen = new Seen();

@Driver({ name: 'widget-builder', resources: ['widget'] })
class WidgetBuilder {
  @Reconcile()
  reconcile(
    @Payload() widget: Resource,
    @Event() event: string,
    @RunId() runId: string,
    @Logger() log: DriverLogger,
  ) {
    seen.calls.push({ driver: 'widget-builder', event, name: widget.name, runId, metadata: widget.metadata });
    log.info(`building ${widget.name}`);
    return { success: true, message: 'built', data: { size: 3 } };
  }
}

@Driver({ name: 'widget-painter', resources: ['widget'] })
class WidgetPainter {
  @Reconcile()
  async reconcile(
    @Payload() widget: Resource,
    @Event() event: string,
    @RunId() runId: string,
    @Logger() log: DriverLogger,
  ) {
    seen.calls.push({ driver: 'widget-painter', event, name: widget.name, runId, metadata: widget.metadata });
    log.info(`painting ${widget.name}`);
    if (widget.name === 'slow') await seen.gate;
    log.info(`painted ${widget.name}`);
    return { success: true, message: 'painted', data: { colour: 'red' } };
  }
}

/**
 * Decorated drivers against the real server: a broadcast (`resources.<type>`, no pipeline) and a
 * two-step pipeline run by the real engine, with results stored on the resource and logs served back.
 */
describeUpstream('decorated drivers on the real Conveyor server', () => {
  let fx: UpstreamFixture;
  let client: ConveyorClient;

  beforeAll(async () => {
    fx = await startUpstreamFixture({ drivers: [WidgetBuilder, WidgetPainter], logLevel: 'info' });
    client = fx.client;
    await client.applyResourceDefinition({
      name: 'widget',
      description: 'a thing to build',
      version: '0.0.1',
      schema: { type: 'object', properties: { colour: { type: 'string' } } },
    });
    await client.createPipeline(pipelineOf('widget-line', 'widget', ['widget-builder', 'widget-painter']));
  }, 90_000);
  afterAll(() => fx?.stop());

  const callsOf = (runId: string) => seen.calls.filter((c) => c.runId === runId);

  it('a resource without pipeline reaches every driver of its type on resources.<type>, as "create"', async () => {
    const { runid } = await client.createResource({ name: 'plain', resource: 'widget', spec: {} });
    await eventually('both drivers called', () => callsOf(runid).length === 2);
    expect(
      callsOf(runid)
        .map((c) => `${c.driver}:${c.event}`)
        .sort(),
    ).toEqual(['widget-builder:create', 'widget-painter:create']);
    // The engine ignores results of runs without a pipeline: nothing is stored on the resource.
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await client.getResource('widget', 'plain')).metadata).toEqual({ version: '1' });
  });

  it('the real engine runs the pipeline: step 2 gets "process" with step 1\'s result, both stored as §4 says', async () => {
    const { runid } = await client.createResource({
      name: 'piped',
      resource: 'widget',
      pipeline: 'widget-line',
      spec: { colour: 'red' },
    });
    await eventually('both steps', () => callsOf(runid).length === 2, 30_000);
    const [first, second] = callsOf(runid);
    expect([first.driver, first.event, second.driver, second.event]).toEqual([
      'widget-builder',
      'create',
      'widget-painter',
      'process',
    ]);
    const builderResult = '{"success":true,"message":"built","data":{"size":3},"driver":"widget-builder"}';
    expect(second.metadata).toEqual({ version: '1', [stepResultKey('widget-builder')]: builderResult });

    await eventually('the second result stored', async () => {
      const { metadata } = await client.getResource('widget', 'piped');
      return stepResultKey('widget-painter') in (metadata ?? {});
    });
    expect((await client.getResource('widget', 'piped')).metadata).toEqual({
      version: '1',
      'driverresults.widget-builder': builderResult,
      'driverresults.widget-painter':
        '{"success":true,"message":"painted","data":{"colour":"red"},"driver":"widget-painter"}',
    });
  });

  it("serves the run's logs over GET /logs and both SSE routes, the live line included", async () => {
    const { runid } = await client.createResource({
      name: 'slow',
      resource: 'widget',
      pipeline: 'widget-line',
      spec: {},
    });
    const stored = async () => (await client.queryLogs({ runid })).map((e) => `${e.driver}: ${e.message}`);
    await eventually('the first lines stored', async () => (await stored()).length === 2, 30_000);
    expect((await stored()).sort()).toEqual([
      'widget-builder: building slow',
      'widget-painter: painting slow',
    ]);

    const abort = new AbortController();
    const follow = async (lines: AsyncGenerator<LogEntry>, want: number) => {
      const got: LogEntry[] = [];
      for await (const entry of lines) if (got.push(entry) === want) break;
      return got;
    };
    const wholeRun = follow(client.followRunLogs(runid, { signal: abort.signal }), 3);
    const painterOnly = follow(client.followDriverLogs('widget-painter', runid, { signal: abort.signal }), 2);
    await new Promise((r) => setTimeout(r, 1_000)); // both streams replayed and subscribed
    seen.release();
    const [run, painter] = await Promise.all([wholeRun, painterOnly]);
    abort.abort();

    expect(run.map((e) => e.message)).toEqual(['building slow', 'painting slow', 'painted slow']);
    expect(painter.map((e) => e.message)).toEqual(['painting slow', 'painted slow']);
    expect(painter[1]).toMatchObject({ runid, driver: 'widget-painter', pipeline: 'widget-line' });
    await eventually('the live line stored too', async () => (await stored()).length === 3);
  }, 60_000);
});
