import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConveyorClient } from '@conveyor-ts/core';
import { ControlPlane } from '@conveyor-ts/control-plane';
import type { ConveyorApplication } from '@conveyor-ts/decorators';
import { parse } from 'yaml';
import { createAppBuildApplication } from '../../examples/app-build/src/app-build-application';
import { APP_BUILD_FOLDER, readExampleFile } from '../../examples/app-build/src/example-files';
import { waitForRun } from '../../examples/app-build/src/wait-for-run';
import { TestRepository } from '../../examples/git-cloner/src/testing';
import { RegistryProcess } from '../../examples/image-pusher/src/testing';
import { runCli } from '../cli/support/run-cli';
import { eventually } from '../manager/support/manager-harness';
import { expectLayerMatchesCommit, fetchPushedImage } from './support/pushed-image';

/** An example file read independently of the CLI's reader, to check what `conveyor apply` sent. */
const readExample = (file: string): Record<string, unknown> => {
  const { kind: _kind, ...body } = parse(readFileSync(join(APP_BUILD_FOLDER, file), 'utf8'));
  return body;
};
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };

/**
 * The app-build pipeline as a user runs it: the local control plane (its own real nats-server),
 * both drivers in one application, a real registry and real git. Definition, pipeline and
 * resources go over HTTP; the outcome is read from the control plane's run records.
 */
describe('app-build through the control plane', () => {
  let plane: ControlPlane;
  let registry: RegistryProcess;
  let repo: TestRepository;
  let workspaces: string;
  let app: ConveyorApplication;
  let client: ConveyorClient;
  let commit: string;

  beforeAll(async () => {
    [plane, registry] = await Promise.all([
      ControlPlane.start({ port: 0, natsPort: 0, logger: quiet }),
      RegistryProcess.start(),
    ]);
    repo = new TestRepository();
    repo.commit('first', { 'README.md': 'old\n' });
    commit = repo.commit('app', {
      'README.md': '# app\n',
      'src/index.js': 'console.log("hi")\n',
      'bin/start.sh': { content: '#!/bin/sh\nnode src/index.js\n', mode: 0o755 },
      'docs/readme.md': { symlink: '../README.md' },
    });
    workspaces = mkdtempSync(join(tmpdir(), 'conveyor-workspaces-'));
    app = createAppBuildApplication({
      config: { natsUrl: plane.natsUrl, apiUrl: plane.apiUrl },
      handleSignals: false,
      logging: { level: 'info', sinks: { stdout: false } },
      gitCloner: { workspaceRoot: workspaces, allowLocalRepositories: true },
      imagePusher: { retry: { attempts: 3, initialDelayMs: 50, factor: 2, maxDelayMs: 200 } },
    });
    await app.start();
    client = new ConveyorClient({ apiUrl: plane.apiUrl });
    await client.applyResourceDefinition(await readExampleFile('definition.yaml', 'definition'));
    await client.createPipeline(await readExampleFile('pipeline.yaml', 'pipeline'));
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await Promise.all([plane?.stop(), registry?.stop()]);
    repo?.remove();
    if (workspaces) rmSync(workspaces, { recursive: true, force: true });
  });

  /** Creates an app-build resource from the example file, with this test's repository and registry. */
  const createRun = async (name: string, repository: string): Promise<string> => {
    const example = await readExampleFile('resource.yaml', 'resource');
    const image = { registry: registry.host, repository: `demo/${name}`, tag: 'v1' };
    const { runid } = await client.createResource({
      ...example,
      name,
      spec: { ...(example.spec as object), repository, ref: 'main', image },
    });
    return runid;
  };

  it("clones, pushes, and the registry holds the repository's files at that commit", async () => {
    const runid = await createRun('hello', repo.path);
    const run = await waitForRun(client, runid, { timeoutMs: 60_000 });

    expect(run).toMatchObject({ status: 'succeeded', pipeline: 'app-build' });
    expect(run.steps.map((s) => [s.driver, s.status])).toEqual([
      ['git-cloner', 'succeeded'],
      ['image-pusher', 'succeeded'],
    ]);
    const [cloned, pushed] = run.steps.map((s) => s.data as Record<string, string>);
    expect(cloned).toEqual({ commit, ref: 'main', path: join(workspaces, runid, 'hello') });
    expect(pushed.image).toBe(`${registry.host}/demo/hello:v1`);

    const image = await fetchPushedImage({ registry: registry.host, repository: 'demo/hello' }, 'v1');
    expect(image.digest).toBe(pushed.digest);
    expect(image.manifest.annotations).toEqual({ 'org.opencontainers.image.revision': commit });
    expectLayerMatchesCommit(image.layer, repo, commit);

    // The resource the engine passed along carries both results, as protocol §4 stores them.
    const stored = await client.getResource('app-build', 'hello');
    expect(JSON.parse(stored.metadata?.['driverresults.image-pusher'] ?? '{}')).toMatchObject({
      data: pushed,
    });
  });

  it("an unreachable repository fails the clone with git's message and stops the pipeline", async () => {
    const runid = await createRun('unreachable', join(workspaces, 'no-such-repository'));
    const run = await waitForRun(client, runid, { timeoutMs: 60_000 });

    expect(run.status).toBe('failed');
    const [clone, push] = run.steps;
    expect(clone).toMatchObject({ driver: 'git-cloner', status: 'failed' });
    expect(clone.message).toMatch(
      /^git clone failed \(exit code 128\): fatal: .*(does not exist|not appear to be a git repository)/,
    );
    expect(push).toMatchObject({ driver: 'image-pusher', status: 'pending' });
    expect(push.startedAt).toBeUndefined();
  });

  it('a registry that is down is retried, then the push step fails saying so', async () => {
    await registry.halt();
    try {
      const runid = await createRun('registry-down', repo.path);
      const run = await waitForRun(client, runid, { timeoutMs: 60_000 });

      expect(run.status).toBe('failed');
      expect(run.steps.map((s) => s.status)).toEqual(['succeeded', 'failed']);
      expect(run.steps[1].message).toMatch(
        new RegExp(
          `^HEAD blob sha256:[0-9a-f]{64} at ${registry.host} failed after 3 attempts: ECONNREFUSED`,
        ),
      );
      // The retries are in the run's logs, stored by the control plane.
      let retries: string[] = [];
      await eventually('the retry warnings in the stored logs', async () => {
        const logs = await client.queryLogs({ runid, driver: 'image-pusher' });
        retries = logs
          .map((l) => l.message)
          .filter((m) => m.includes('ECONNREFUSED') && m.includes('retrying in'));
        return retries.length === 2;
      });
    } finally {
      await registry.launch();
    }
  });
});

describe('conveyor apply -f with the example files as they are', () => {
  let plane: ControlPlane;

  beforeAll(async () => (plane = await ControlPlane.start({ port: 0, natsPort: 0, logger: quiet })), 30_000);
  afterAll(() => plane?.stop());

  it('creates the definition, the pipeline and the resource, and prints the run id', async () => {
    const files = ['resource.yaml', 'pipeline.yaml', 'definition.yaml'].map((f) => join(APP_BUILD_FOLDER, f));
    const { code, stdout, stderr } = await runCli(['--api-url', plane.apiUrl, 'apply', '-f', ...files]);

    expect({ code, stderr }).toEqual({
      code: 0,
      stderr: expect.stringContaining('pipeline app-build applied'),
    });
    const runid = stdout.trim();
    expect(runid).toMatch(/^[0-9a-f-]{36}$/);
    const client = new ConveyorClient({ apiUrl: plane.apiUrl });
    expect(await client.getResourceDefinition('app-build')).toMatchObject(readExample('definition.yaml'));
    expect(await client.getPipeline('app-build')).toMatchObject(readExample('pipeline.yaml'));
    expect(await client.getResource('app-build', 'hello-app')).toMatchObject(readExample('resource.yaml'));
    // No driver runs here: the run waits at its first step.
    expect(await client.getRun(runid)).toMatchObject({
      status: 'running',
      steps: [{ driver: 'git-cloner' }, {}],
    });
  }, 60_000); // a CLI process under ts-node takes seconds to start on a loaded machine
});
