import {
  Driver,
  Logger,
  Payload,
  Reconcile,
  type DriverLogger,
  type Resource,
} from '@conveyor-ts/decorators';
import { runCli } from '../cli/support/run-cli';
import { eventually } from '../manager/support/manager-harness';
import { describeUpstream } from './support/upstream-tools';
import { pipelineOf, startUpstreamFixture, type UpstreamFixture } from './support/upstream-fixture';

jest.setTimeout(120_000);

@Driver({ name: 'cli-build', resources: ['crate'] })
class CliBuild {
  @Reconcile()
  reconcile(@Payload() crate: Resource, @Logger() log: DriverLogger) {
    log.info(`building ${crate.name}`);
    return { success: true, message: 'built', data: { n: 1 } };
  }
}

@Driver({ name: 'cli-ship', resources: ['crate'] })
class CliShip {
  @Reconcile()
  reconcile(@Payload() crate: Resource<{ refuse?: boolean }>, @Logger() log: DriverLogger) {
    log.info(`shipping ${crate.name}`);
    return crate.spec.refuse
      ? { success: false, message: 'refused at the gate', data: null }
      : { success: true, message: 'shipped', data: null };
  }
}

/** `conveyor runs`, `get run` and `get pipeline` on a server that keeps no run records (protocol §4.5). */
describeUpstream('the CLI on the real Conveyor server, which keeps no run records', () => {
  let fx: UpstreamFixture;
  const runIds: Record<string, string> = {};
  const cli = (...args: string[]) => runCli(['--api-url', fx.server.apiUrl, ...args]);

  beforeAll(async () => {
    fx = await startUpstreamFixture({ drivers: [CliBuild, CliShip], logLevel: 'info' });
    const { client } = fx;
    await client.createResourceDefinition({ name: 'crate', description: '', version: '1', schema: true });
    await client.createPipeline(pipelineOf('crate-line', 'crate', ['cli-build', 'cli-ship']));
    for (const [name, spec] of [
      ['fine', {}],
      ['refused', { refuse: true }],
    ] as const) {
      runIds[name] = (
        await client.createResource({ name, resource: 'crate', pipeline: 'crate-line', spec })
      ).runid;
      await eventually(
        `${name} ran both steps`,
        async () => {
          const { metadata } = await client.getResource('crate', name);
          const logged = await client.queryLogs({ runid: runIds[name] });
          return 'driverresults.cli-ship' in (metadata ?? {}) && logged.length === 2;
        },
        30_000,
      );
    }
  }, 90_000);
  afterAll(() => fx?.stop());

  it('`runs` lists the runs its logs show, and says in one line why there is no status', async () => {
    const { code, stdout, stderr } = await cli('runs');
    expect([code, stderr]).toEqual([0, expect.stringContaining('this server keeps no run records')]);
    for (const runid of Object.values(runIds)) {
      expect(stdout).toMatch(new RegExp(`^${runid}\\s+crate-line\\s+cli-build cli-ship\\s`, 'm'));
    }
    expect(stdout + stderr).not.toContain('Cannot GET');
  });

  it('`runs --status` is refused: a status needs run records', async () => {
    const { code, stderr } = await cli('runs', '--status', 'failed');
    expect(code).toBe(2);
    expect(stderr).toContain('--status need run records: this server keeps no run records');
  });

  it('`get run --resource` derives the run from its logs and the results stored on its resource', async () => {
    const fine = await cli('get', 'run', runIds.fine, '--resource', 'crate/fine');
    expect(fine.code).toBe(0);
    expect(JSON.parse(fine.stdout)).toEqual({
      runid: runIds.fine,
      derivedFrom: [`GET /logs?runid=${runIds.fine}`, 'GET /resources/crate/fine'],
      pipeline: 'crate-line',
      driversThatLogged: ['cli-build', 'cli-ship'],
      firstLogAt: expect.any(String),
      lastLogAt: expect.any(String),
      logEntries: 2,
      stepResults: [
        { success: true, message: 'built', data: { n: 1 }, driver: 'cli-build' },
        { success: true, message: 'shipped', data: null, driver: 'cli-ship' },
      ],
      status: 'unknown',
    });
    const refused = await cli('get', 'run', runIds.refused, '--resource', 'crate/refused', '-o', 'yaml');
    expect([refused.code, refused.stdout]).toEqual([0, expect.stringContaining('status: failed')]);
    expect(refused.stdout).toContain('message: refused at the gate');
  });

  it('`get run` of a run nobody logged for, and `get pipeline`, answer in one line', async () => {
    const unknown = await cli('get', 'run', 'no-such-run');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'run no-such-run: this server keeps no run records and has no logs for this run',
    );
    const pipeline = await cli('get', 'pipeline', 'crate-line');
    expect(pipeline.code).toBe(1);
    expect(pipeline.stderr.trim().split('\n')).toHaveLength(1);
    expect(pipeline.stderr).toContain('this server does not serve GET /pipelines/{name}');
    expect(unknown.stderr + pipeline.stderr).not.toContain('Cannot GET');
  });
});
