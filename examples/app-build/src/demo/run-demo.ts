import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConveyorClient, type RunRecord } from '@conveyor-ts/core';
import { createAppBuildApplication } from '../app-build-application';
import { waitForRun } from '../wait-for-run';
import type { DemoConsole } from './demo-console';
import { createDemoRepository } from './demo-repository';
import { startDemoServices } from './demo-services';
import { readExampleFile } from '../example-files';
import { RunLogFollower } from './run-log-follower';
import type { Teardown } from './teardown';

export interface DemoSettings {
  /** Push to this registry (`host:port`) instead of starting one. */
  registry?: string;
  /** How long the pipeline may take. */
  timeoutMs: number;
  /** Aborted on Ctrl-C: every wait ends, and the caller's teardown stops what was started. */
  signal: AbortSignal;
}

/**
 * The app-build pipeline on this machine: control plane, registry, both drivers in this process, a
 * fresh git repository; applies the example definition and pipeline, creates a resource pointing
 * at the repository and the registry, follows the run's logs and returns its finished record.
 * Everything started is registered with `teardown`; the caller runs it.
 */
export async function runDemo(
  settings: DemoSettings,
  out: DemoConsole,
  teardown: Teardown,
): Promise<RunRecord> {
  const { signal } = settings;
  const scratch = await mkdtemp(join(tmpdir(), 'conveyor-demo-'));
  teardown.add('the workspace folder', () => rm(scratch, { recursive: true, force: true }));

  const { plane, registry } = await startDemoServices(out, teardown, settings.registry);
  signal.throwIfAborted();
  const repository = await out.step(
    'example repository created',
    async () => createDemoRepository(teardown),
    (r) => `${r.path} at ${r.commit.slice(0, 12)}`,
  );
  const app = createAppBuildApplication({
    config: { natsUrl: plane.natsUrl, apiUrl: plane.apiUrl },
    handleSignals: false,
    // On Ctrl-C the demo tears everything down: an in-flight step need not be waited for long.
    shutdownGraceMs: 1_000,
    // The run's lines come back through the control plane below; no second copy on stdout. On Ctrl-C
    // the teardown follows at once, so flushing logs must not wait long.
    logging: { sinks: { stdout: false }, flushTimeoutMs: 1_000 },
    // Local repositories are allowed for the demo only: they read this machine's disk.
    gitCloner: { workspaceRoot: join(scratch, 'workspaces'), allowLocalRepositories: true },
  });
  await out.step(
    'drivers running in this process',
    () => app.start(),
    () => app.drivers.map((d) => d.name).join(', '),
  );
  teardown.add('the drivers', () => app.stop());
  signal.throwIfAborted();

  const client = new ConveyorClient({ apiUrl: plane.apiUrl });
  const definition = await readExampleFile('definition.yaml', 'definition');
  await out.step(`resource definition ${definition.name} applied`, () =>
    client.applyResourceDefinition(definition, { signal }),
  );
  const pipeline = await readExampleFile('pipeline.yaml', 'pipeline');
  await out.step(`pipeline ${pipeline.name} applied`, () => client.createPipeline(pipeline, { signal }));
  const example = await readExampleFile('resource.yaml', 'resource');
  const spec = example.spec as { image: Record<string, unknown> };
  const resource = {
    ...example,
    spec: { ...spec, repository: repository.path, ref: 'main', image: { ...spec.image, registry } },
  };
  const { runid } = await out.step(
    `resource ${resource.resource}/${resource.name} created`,
    () => client.createResource(resource, { signal }),
    (created) => `run ${created.runid}`,
  );

  out.heading(`Run ${runid}: pipeline ${pipeline.name} (${pipeline.steps.map((s) => s.driver).join(' → ')})`);
  const follower = new RunLogFollower(client, runid, (entry) => out.log(entry));
  teardown.add('the log stream', () => follower.stop({ immediately: true }));
  const run = await waitForRun(client, runid, { timeoutMs: settings.timeoutMs, signal });
  await follower.stop();
  if (follower.failure) out.problem(`the log stream ended early: ${follower.failure.message}`);
  return run;
}
