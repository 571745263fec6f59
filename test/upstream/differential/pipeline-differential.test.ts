import { ConveyorClient } from '@conveyor-ts/core';
import {
  ConveyorApplication,
  Driver,
  Event,
  Logger,
  Payload,
  Reconcile,
  RunId,
  type DriverLogger,
  type Resource,
} from '@conveyor-ts/decorators';
import { eventually } from '../../manager/support/manager-harness';
import { pipelineOf } from '../support/upstream-fixture';
import { describeUpstream } from '../support/upstream-tools';
import { startBothServers, type BothServers } from './both-servers';

jest.setTimeout(180_000);

/** What each step received, per run id: the event and the metadata the engine had stored by then. */
const received = new Map<string, Array<{ driver: string; event: string; metadata: unknown }>>();
const record = (runId: string, driver: string, event: string, resource: Resource): void => {
  received.set(runId, [...(received.get(runId) ?? []), { driver, event, metadata: resource.metadata }]);
};

@Driver({ name: 'diff-build', resources: ['parcel'] })
class DiffBuild {
  @Reconcile()
  reconcile(
    @Payload() parcel: Resource,
    @Event() event: string,
    @RunId() runId: string,
    @Logger() log: DriverLogger,
  ) {
    record(runId, 'diff-build', event, parcel);
    log.info(`building ${parcel.name}`);
    log.warn(`${parcel.name} is heavy`);
    return {
      success: true,
      message: 'built',
      data: { weight: 7, tags: ['a', { z: 1, b: 2 }], 10: 'ten', 9: 'nine', note: '<b>&amp;' },
    };
  }
}

@Driver({ name: 'diff-ship', resources: ['parcel'] })
class DiffShip {
  @Reconcile()
  reconcile(
    @Payload() parcel: Resource<{ refuse?: boolean }>,
    @Event() event: string,
    @RunId() runId: string,
    @Logger() log: DriverLogger,
  ) {
    record(runId, 'diff-ship', event, parcel);
    log.info(`shipping ${parcel.name}`);
    if (parcel.spec.refuse) return { success: false, message: 'refused at the gate', data: null };
    return { success: true, message: 'shipped', data: { carrier: 'post' } };
  }
}

/** One run as a server leaves it: what each step got, the resource at the end, and the stored logs. */
interface RunTrace {
  steps: Array<{ driver: string; event: string; metadata: unknown }>;
  finalMetadata: unknown;
  logs: Array<{ driver: string; pipeline: string; message: string }>;
}

async function runPipelines(apiUrl: string, natsUrl: string): Promise<Record<string, RunTrace>> {
  const client = new ConveyorClient({ apiUrl });
  const app = ConveyorApplication.create({
    drivers: [DiffBuild, DiffShip],
    config: { natsUrl, apiUrl },
    handleSignals: false,
    logging: { level: 'info', sinks: { stdout: false } },
  });
  await app.start();
  try {
    await client.createResourceDefinition({
      name: 'parcel',
      description: '',
      version: '1',
      schema: { type: 'object' },
    });
    await client.createPipeline(pipelineOf('parcel-line', 'parcel', ['diff-build', 'diff-ship']));
    const traces: Record<string, RunTrace> = {};
    for (const [name, spec] of [
      ['fine', {}],
      ['refused', { refuse: true }],
    ] as const) {
      const { runid } = await client.createResource({
        name,
        resource: 'parcel',
        pipeline: 'parcel-line',
        spec,
      });
      await eventually(
        `${name}: the last result stored`,
        async () => {
          const { metadata } = await client.getResource('parcel', name);
          return 'driverresults.diff-ship' in (metadata ?? {});
        },
        30_000,
      );
      await eventually(
        `${name}: its logs stored`,
        async () => (await client.queryLogs({ runid })).length === 3,
        10_000,
      );
      const logs = (await client.queryLogs({ runid }))
        .map(({ driver, pipeline, message }) => ({ driver, pipeline, message }))
        .sort((a, b) => `${a.driver} ${a.message}`.localeCompare(`${b.driver} ${b.message}`));
      traces[name] = {
        steps: received.get(runid) ?? [],
        finalMetadata: (await client.getResource('parcel', name)).metadata,
        logs,
      };
    }
    return traces;
  } finally {
    await app.stop();
  }
}

describeUpstream('pipeline runs on the local control plane and on the real server', () => {
  let servers: BothServers;

  beforeAll(async () => {
    servers = await startBothServers();
  });
  afterAll(() => servers?.stop());

  it('give each step the same event and metadata, store the same results and the same log entries', async () => {
    const theirs = await runPipelines(servers.upstream.apiUrl, servers.upstream.natsUrl);
    const ours = await runPipelines(servers.local.apiUrl, servers.env.url);
    expect(ours).toEqual(theirs);
    // The comparison is not vacuous: both steps ran, and the refusal stopped nothing it should not.
    expect(theirs.fine.steps.map((s) => `${s.driver}:${s.event}`)).toEqual([
      'diff-build:create',
      'diff-ship:process',
    ]);
    expect(theirs.refused.finalMetadata).toMatchObject({
      'driverresults.diff-ship':
        '{"success":false,"message":"refused at the gate","data":null,"driver":"diff-ship"}',
    });
    expect(theirs.fine.logs).toHaveLength(3);
  });
});
