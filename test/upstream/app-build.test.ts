import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConveyorClient,
  encodeJson,
  NatsTransport,
  openNatsConnection,
  readStepResult,
  Subjects,
  type Resource,
} from '@conveyor-ts/core';
import type { ConveyorApplication } from '@conveyor-ts/decorators';
import { stringify } from 'yaml';
import { createAppBuildApplication } from '../../examples/app-build/src/app-build-application';
import { APP_BUILD_FOLDER, readExampleFile } from '../../examples/app-build/src/example-files';
import { TestRepository } from '../../examples/git-cloner/src/testing';
import { RegistryProcess } from '../../examples/image-pusher/src/testing';
import { runCli, startCli, waitForOutput } from '../cli/support/run-cli';
import { expectLayerMatchesCommit, fetchPushedImage } from '../examples/support/pushed-image';
import { eventually } from '../manager/support/manager-harness';
import { describeUpstream } from './support/upstream-tools';
import { startUpstreamServer, type UpstreamServer } from './support/upstream-server';

jest.setTimeout(120_000);

/**
 * The app-build example as a user runs it on a real Conveyor server: `conveyor apply -f` with the
 * example files, both drivers in one application, a real registry and real git; the outcome read
 * from the resource the real engine updated, then with `conveyor get` and `conveyor logs`.
 */
describeUpstream('app-build and the CLI on the real Conveyor server', () => {
  let server: UpstreamServer;
  let registry: RegistryProcess;
  let repo: TestRepository;
  let dir: string;
  let app: ConveyorApplication;
  let client: ConveyorClient;
  let commit: string;
  let runid: string;
  const cli = (...args: string[]) => runCli(['--api-url', server.apiUrl, ...args]);

  beforeAll(async () => {
    [server, registry] = await Promise.all([startUpstreamServer(), RegistryProcess.start()]);
    repo = new TestRepository();
    commit = repo.commit('app', { 'README.md': '# app\n', 'src/index.js': 'console.log("hi")\n' });
    dir = mkdtempSync(join(tmpdir(), 'conveyor-upstream-app-'));
    app = createAppBuildApplication({
      config: { natsUrl: server.natsUrl, apiUrl: server.apiUrl },
      handleSignals: false,
      logging: { level: 'info', sinks: { stdout: false } },
      gitCloner: { workspaceRoot: join(dir, 'workspaces'), allowLocalRepositories: true },
    });
    await app.start();
    client = new ConveyorClient({ apiUrl: server.apiUrl });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await Promise.all([server?.stop(), registry?.stop()]);
    repo?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('conveyor apply -f runs the pipeline; the image in the registry has the digest image-pusher reported', async () => {
    // The example resource, pointed at this test's repository and registry.
    const example = await readExampleFile('resource.yaml', 'resource');
    const image = { registry: registry.host, repository: 'demo/hello', tag: 'v1' };
    const resourceFile = join(dir, 'resource.yaml');
    writeFileSync(
      resourceFile,
      stringify({ kind: 'Resource', ...example, spec: { repository: repo.path, ref: 'main', image } }),
    );
    const files = [
      join(APP_BUILD_FOLDER, 'definition.yaml'),
      join(APP_BUILD_FOLDER, 'pipeline.yaml'),
      resourceFile,
    ];
    const applied = await cli('apply', '-f', ...files);
    expect({ code: applied.code, stderr: applied.stderr }).toEqual({
      code: 0,
      stderr: expect.stringContaining('pipeline app-build applied'),
    });
    runid = applied.stdout.trim();
    expect(runid).toMatch(/^[0-9a-f-]{36}$/);

    let stored: Resource | undefined;
    await eventually(
      'both steps stored on the resource',
      async () => {
        stored = await client.getResource('app-build', 'hello-app');
        return 'driverresults.image-pusher' in (stored.metadata ?? {});
      },
      90_000,
    );
    const cloned = readStepResult(stored!, 'git-cloner');
    const pushed = readStepResult(stored!, 'image-pusher');
    expect(cloned).toMatchObject({ success: true, data: { commit, ref: 'main' } });
    expect(pushed).toMatchObject({ success: true, data: { image: `${registry.host}/demo/hello:v1` } });

    const fetched = await fetchPushedImage({ registry: registry.host, repository: 'demo/hello' }, 'v1');
    expect(fetched.digest).toBe((pushed.data as { digest: string }).digest);
    expectLayerMatchesCommit(fetched.layer, repo, commit);
  });

  it('conveyor get shows the definition and the resource with both results', async () => {
    // Started together: each CLI process takes seconds to start under load.
    const [definition, resource, first, missing] = await Promise.all([
      cli('get', 'definition', 'app-build'),
      cli('get', 'resource', 'app-build', 'hello-app', '-o', 'yaml'),
      cli('get', 'resource', 'app-build', 'hello-app', '--resource-version', '1'),
      cli('get', 'resource', 'app-build', 'nope'),
    ]);
    expect(definition.code).toBe(0);
    expect(JSON.parse(definition.stdout)).toMatchObject({ name: 'app-build', version: '0.1.0' });
    expect(resource.code).toBe(0);
    expect(resource.stdout).toContain('name: hello-app');
    expect(resource.stdout).toContain('driverresults.git-cloner:');
    expect(resource.stdout).toContain('driverresults.image-pusher:');
    expect(JSON.parse(first.stdout)).toMatchObject({ metadata: { version: '1' } });
    expect([missing.code, missing.stderr]).toEqual([
      1,
      'error: resource app-build/nope: not found: Failed to find resource: resource with name nope and type app-build not found\n',
    ]);
  });

  it("conveyor logs prints the run's stored lines from both drivers, in time order", async () => {
    const logs = await cli('logs', runid, '--json');
    expect(logs.code).toBe(0);
    const entries = logs.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { driver: string; runid: string });
    expect(new Set(entries.map((e) => e.driver))).toEqual(new Set(['git-cloner', 'image-pusher']));
    expect(entries.every((e) => e.runid === runid)).toBe(true);
    // Time order: every git-cloner line comes before image-pusher's first.
    const lastClone = entries.map((e) => e.driver).lastIndexOf('git-cloner');
    expect(entries.findIndex((e) => e.driver === 'image-pusher')).toBeGreaterThan(lastClone);
  });

  it('conveyor logs --follow replays the stored lines, then prints live ones, and stops on SIGINT', async () => {
    const following = startCli([
      '--api-url',
      server.apiUrl,
      'logs',
      runid,
      '--follow',
      '--driver',
      'image-pusher',
    ]);
    const replayed = await waitForOutput(following, /image-pusher \| /);
    expect(replayed).not.toContain('git-cloner |');

    const nc = await openNatsConnection({ servers: [server.natsUrl] });
    const transport = new NatsTransport(nc);
    const seen = waitForOutput(following, /a live line/);
    const entry = encodeJson({
      runid,
      driver: 'image-pusher',
      pipeline: 'app-build',
      timestamp: 'now',
      message: 'a live line',
    });
    // Live lines are not stored: publish until the CLI's stream has subscribed.
    const publisher = setInterval(
      () => transport.publish(Subjects.liveLogs(runid, 'image-pusher'), entry),
      250,
    );
    await seen.finally(() => clearInterval(publisher));
    await expect(seen).resolves.toContain('now image-pusher | a live line');
    await nc.close();
    following.kill('SIGINT');
    await expect(new Promise((r) => following.on('close', r))).resolves.toBe(0);
  });
});
