import type { ResourceDefinition } from '@conveyor-ts/core';
import { TestDriver, type Delivery } from './nats/test-driver';
import { startFixture, type Fixture } from './support/control-plane-fixture';
import { waitFor } from './support/wait-for';

jest.setTimeout(60_000);

const definition: ResourceDefinition = {
  name: 'build',
  description: 'a build',
  version: '1',
  schema: { type: 'object', properties: { repo: { type: 'string' } }, required: ['repo'] },
};

describe('pipeline engine on a real nats-server', () => {
  let fx: Fixture;
  const drivers: TestDriver[] = [];

  beforeAll(async () => {
    fx = await startFixture();
    await fx.client.createResourceDefinition(definition);
  });
  afterAll(async () => {
    for (const driver of drivers) await driver.stop();
    await fx.stop();
  });

  async function driver(
    name: string,
    answer: (d: Delivery) => Promise<{ success: boolean; message: string; data?: unknown }>,
  ) {
    const started = await TestDriver.start(fx.env.url, name, ['build'], async (d, log) => {
      await log(`${name} handling ${d.resource.name}`);
      return answer(d);
    });
    drivers.push(started);
    return started;
  }

  it('runs each step in order: create, then process with every earlier result on the resource', async () => {
    const clone = await driver('clone', async () => ({
      success: true,
      message: 'cloned',
      data: { sha: 'abc' },
    }));
    const test = await driver('test', async () => ({ success: true, message: 'tested' }));
    const ship = await driver('ship', async () => ({ success: true, message: 'shipped' }));
    await fx.client.createPipeline({
      name: 'ci',
      resource: 'build',
      steps: [
        { id: '1', name: 'Clone', driver: 'clone' },
        { id: '2', name: 'Test', driver: 'test' },
        { id: '3', name: 'Ship', driver: 'ship' },
      ],
    });
    const created = await fx.client.createResource({
      name: 'app',
      resource: 'build',
      pipeline: 'ci',
      spec: { repo: 'r' },
    });
    expect(created).toEqual({
      message: 'Resource created successfully',
      name: 'app',
      runid: expect.any(String),
      version: '1',
    });

    const run = await waitFor('the run to succeed', async () => {
      const r = await fx.client.getRun(created.runid);
      return r.status === 'succeeded' ? r : undefined;
    });
    expect(run.steps.map((s) => [s.driver, s.status, s.message])).toEqual([
      ['clone', 'succeeded', 'cloned'],
      ['test', 'succeeded', 'tested'],
      ['ship', 'succeeded', 'shipped'],
    ]);
    expect(run.steps[0].data).toEqual({ sha: 'abc' });

    expect(clone.deliveries).toHaveLength(1);
    expect(clone.deliveries[0]).toMatchObject({
      subject: 'drivers.clone.resources.build',
      event: 'create',
      runId: created.runid,
    });
    expect(clone.deliveries[0].id).toMatch(/^[0-9a-f]{24}$/);
    expect(test.deliveries[0]).toMatchObject({
      subject: 'drivers.test.resources.build',
      event: 'process',
      runId: created.runid,
    });
    expect(JSON.parse(test.deliveries[0].resource.metadata?.['driverresults.clone'] ?? 'null')).toEqual({
      success: true,
      message: 'cloned',
      data: { sha: 'abc' },
      driver: 'clone',
    });
    const lastPayload = ship.deliveries[0].resource;
    expect(Object.keys(lastPayload.metadata ?? {}).sort()).toEqual([
      'driverresults.clone',
      'driverresults.test',
      'version',
    ]);

    const stored = await fx.client.getResource('build', 'app');
    expect(stored.metadata?.version).toBe('1');
    expect(stored.metadata?.['driverresults.test']).toBe(
      '{"success":true,"message":"tested","data":null,"driver":"test"}',
    );
    expect(stored.metadata?.['driverresults.ship']).toBeDefined();
    await expect(fx.client.getResourceVersion('build', 'app', 1)).resolves.toMatchObject({
      name: 'app',
      metadata: { version: '1' },
    });
  });

  it('stops at a failing step and records the driver message on the run', async () => {
    await driver('lint', async () => ({ success: false, message: 'lint failed: 3 errors' }));
    const after = await driver('after-lint', async () => ({ success: true, message: 'never' }));
    await fx.client.createPipeline({
      name: 'lint-ci',
      resource: 'build',
      steps: [{ driver: 'lint' }, { driver: 'after-lint' }],
    });
    const { runid } = await fx.client.createResource({
      name: 'bad',
      resource: 'build',
      pipeline: 'lint-ci',
      spec: { repo: 'r' },
    });
    const run = await waitFor('the run to fail', async () => {
      const r = await fx.client.getRun(runid);
      return r.status === 'failed' ? r : undefined;
    });
    expect(run.steps.map((s) => [s.driver, s.status, s.message])).toEqual([
      ['lint', 'failed', 'lint failed: 3 errors'],
      ['after-lint', 'pending', undefined],
    ]);
    const stored = await fx.client.getResource('build', 'bad');
    expect(JSON.parse(stored.metadata?.['driverresults.lint'] ?? '{}')).toMatchObject({ success: false });
    expect(after.deliveries).toHaveLength(0);
    await expect(fx.client.listRuns({ status: 'failed' })).resolves.toEqual([
      expect.objectContaining({ runid }),
    ]);
  });

  it('broadcasts a resource without a pipeline to resources.<type> and records each answer', async () => {
    const watcher = await driver('watcher', async () => ({ success: true, message: 'seen' }));
    const { runid } = await fx.client.createResource({
      name: 'plain',
      resource: 'build',
      spec: { repo: 'r' },
    });
    const run = await waitFor('the answer of the watcher', async () => {
      const r = await fx.client.getRun(runid);
      return r.steps.some((s) => s.driver === 'watcher') ? r : undefined;
    });
    expect(run.status).toBe('dispatched');
    const delivery = watcher.deliveries.find((d) => d.runId === runid);
    expect(delivery).toMatchObject({ subject: 'resources.build', event: 'create' });
    const stored = await fx.client.getResource('build', 'plain');
    expect(stored.metadata).toEqual({ version: '1' }); // the engine records nothing without a pipeline
  });

  it('stores the logs drivers publish and serves them by run, driver and pipeline', async () => {
    const runs = await fx.client.listRuns({ pipeline: 'ci' });
    const runid = runs[0].runid;
    const logs = await waitFor('stored logs', async () => {
      const l = await fx.client.queryLogs({ runid });
      return l.length === 3 ? l : undefined;
    });
    expect(logs.map((l) => l.driver)).toEqual(['clone', 'ship', 'test']); // the server's key order
    expect(logs[0]).toEqual({
      runid,
      driver: 'clone',
      pipeline: 'ci',
      timestamp: expect.any(String),
      message: 'clone handling app',
    });
    await expect(fx.client.queryLogs({ runid, driver: 'test' })).resolves.toHaveLength(1);
    await expect(fx.client.queryLogs({ pipeline: 'ci', driver: 'ship' })).resolves.toHaveLength(1);
    await expect(fx.client.queryLogs({ runid: 'no-such-run' })).resolves.toEqual([]);
  });

  it('drops malformed pipeline and log messages with a warning instead of redelivering them', async () => {
    const { NatsTransport, Subjects, openNatsConnection } = await import('@conveyor-ts/core');
    const nc = await openNatsConnection({ servers: [fx.env.url] });
    const transport = new NatsTransport(nc);
    const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
    await transport.publishDurable(Subjects.driverResult, bytes('{"run_id": 5}'));
    await transport.publishDurable(Subjects.pipelineInit, bytes('not json'));
    await transport.publishDurable(Subjects.logs('r'), bytes('{"runid": ["x"]}'));
    const unknownDriver = {
      run_id: 'ghost-run',
      resource: { name: 'app', resource: 'build', pipeline: 'ci' },
      driverresult: { success: true, message: '', data: null, driver: 'stranger' },
    };
    await transport.publishDurable(Subjects.driverResult, bytes(JSON.stringify(unknownDriver)));
    await waitFor('four warnings', async () => (fx.logger.warnings.length >= 4 ? true : undefined));
    expect(fx.logger.warnings).toEqual(
      expect.arrayContaining([
        'dropped a malformed pipeline result message: "run_id" must be a non-empty string',
        expect.stringMatching(/^dropped a malformed pipeline init message: not JSON/),
        'dropped a malformed log message: json: cannot unmarshal array into Go struct field Log.runid of type string',
        'run ghost-run: no step of pipeline "ci" uses driver "stranger"',
      ]),
    );
    expect(fx.logger.errors).toEqual([]);
    await expect(fx.client.getRun('ghost-run')).rejects.toMatchObject({ status: 404 }); // no phantom run
    await nc.close();
  });

  it('keeps every object and finishes a run across a control-plane restart mid-step', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const hold = await driver('hold', async () => {
      await held;
      return { success: true, message: 'held' };
    });
    const finish = await driver('finish', async () => ({ success: true, message: 'finished' }));
    await fx.client.createPipeline({
      name: 'slow',
      resource: 'build',
      steps: [{ driver: 'hold' }, { driver: 'finish' }],
    });
    const { runid } = await fx.client.createResource({
      name: 'slow-app',
      resource: 'build',
      pipeline: 'slow',
      spec: { repo: 'r' },
    });
    await waitFor('the first step to start', async () => (hold.deliveries.length > 0 ? true : undefined));

    await fx.plane.stop(); // the engine is down when the result is published
    release();
    await new Promise((r) => setTimeout(r, 300));
    await fx.restartPlane();

    const run = await waitFor('the run to finish after the restart', async () => {
      const r = await fx.client.getRun(runid);
      return r.status === 'succeeded' ? r : undefined;
    });
    expect(run.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded']);
    expect(finish.deliveries[0]).toMatchObject({ event: 'process', runId: runid });
    await expect(fx.client.getResourceDefinition('build')).resolves.toMatchObject({ name: 'build' });
    await expect(fx.client.getResource('build', 'app')).resolves.toMatchObject({ name: 'app' });
    await expect(fx.client.queryLogs({ pipeline: 'ci' })).resolves.toHaveLength(3);
  });
});
