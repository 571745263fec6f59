import { ConveyorClient, readStepResult } from '@conveyor-ts/core';
import { DriverProcess } from '../manager/support/driver-process';
import { eventually } from '../manager/support/manager-harness';
import { pipelineOf } from './support/upstream-fixture';
import { describeUpstream } from './support/upstream-tools';
import { startUpstreamServer, type UpstreamServer } from './support/upstream-server';

jest.setTimeout(120_000);

const RUNS = 8;

/** Two driver processes under one name share its consumer on the real server: each step runs once. */
describeUpstream("two processes sharing one driver's consumer on the real Conveyor server", () => {
  let server: UpstreamServer;
  let processes: DriverProcess[] = [];

  beforeAll(async () => {
    server = await startUpstreamServer();
  }, 90_000);
  afterAll(async () => {
    for (const p of processes) p.kill('SIGTERM');
    await Promise.all(processes.map((p) => p.closed));
    await server?.stop();
  });

  it('splits the runs between the processes, each reconciled once, every result stored by the engine', async () => {
    // HOLD_MS keeps each busy long enough that the other gets work.
    const env = { NATS_URL: server.natsUrl, DRIVER: 'worker', RESOURCE: 'job', HOLD_MS: '400' };
    processes = [new DriverProcess(env), new DriverProcess(env)];
    await eventually('both processes ready', () => processes.every((p) => p.count('ready') === 1), 60_000);

    const client = new ConveyorClient({ apiUrl: server.apiUrl });
    await client.applyResourceDefinition({ name: 'job', schema: {} });
    await client.createPipeline(pipelineOf('jobs', 'job', ['worker']));
    const names = Array.from({ length: RUNS }, (_, i) => `job-${i}`);
    for (const name of names)
      await client.createResource({ name, resource: 'job', pipeline: 'jobs', spec: {} });

    const doneBy = new Map<string, string>();
    await eventually(
      'every result stored',
      async () => {
        for (const name of names.filter((n) => !doneBy.has(n))) {
          const resource = await client.getResource('job', name);
          if (resource.metadata?.['driverresults.worker'])
            doneBy.set(name, readStepResult(resource, 'worker').message);
        }
        return doneBy.size === RUNS;
      },
      60_000,
    );
    const pids = processes.map((p) => `done by ${p.pid}`);
    expect(new Set(doneBy.values())).toEqual(new Set(pids)); // both took part, nobody else
    const reconciled = processes.flatMap((p) =>
      p.events.filter((e) => e.event === 'reconciled').map((e) => e.name),
    );
    expect(reconciled.sort()).toEqual([...names].sort()); // each exactly once
  });
});
