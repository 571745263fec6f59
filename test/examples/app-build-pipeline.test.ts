import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stepResultKey, type DriverResultEvent, type Resource } from '@conveyor-ts/core';
import {
  DriverMessagePublisher,
  RecordingLogger,
  ResultCollector,
  startTestEnvironment,
  type TestEnvironment,
} from '@conveyor-ts/core/testing';
import { ConveyorApplication } from '@conveyor-ts/decorators';
import { GitCloner, GitClonerService } from '../../examples/git-cloner/src';
import { ImagePusher, ImagePusherService, MediaTypes, sha256Digest } from '../../examples/image-pusher/src';
import { RegistryProcess } from '../../examples/image-pusher/src/testing';
import { TestRepository } from '../../examples/git-cloner/src/testing';

/**
 * Both example drivers in one process on a real nats-server, a real registry and real git. The test
 * plays the engine's part (protocol §4): it sends step 1, stores its result on the resource, and
 * sends step 2 with it, exactly as the server does.
 */
describe('app-build pipeline: git-cloner then image-pusher over NATS', () => {
  let env: TestEnvironment;
  let registry: RegistryProcess;
  let repo: TestRepository;
  let workspaces: string;
  let app: ConveyorApplication;
  let publisher: DriverMessagePublisher;
  let results: ResultCollector;
  let commit: string;

  beforeAll(async () => {
    [env, registry] = await Promise.all([startTestEnvironment(), RegistryProcess.start()]);
    repo = new TestRepository();
    commit = repo.commit('app', { 'index.js': 'console.log("hi")\n' });
    workspaces = mkdtempSync(join(tmpdir(), 'conveyor-workspaces-'));
    app = ConveyorApplication.create({
      drivers: [GitCloner, ImagePusher],
      config: { natsUrl: env.url },
      handleSignals: false,
      logging: { level: 'warn' },
      providers: [
        {
          provide: GitClonerService,
          useValue: new GitClonerService({ workspaceRoot: workspaces, allowLocalRepositories: true }),
        },
        { provide: ImagePusherService, useValue: new ImagePusherService() },
      ],
    });
    await app.start();
    [publisher, results] = await Promise.all([
      DriverMessagePublisher.connect(env.url),
      ResultCollector.connect(env.url),
    ]);
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await publisher?.close();
    await results?.close();
    await Promise.all([env?.stop(), registry?.stop()]);
    repo?.remove();
    rmSync(workspaces, { recursive: true, force: true });
  });

  const resource = (name: string, repository: string): Resource => ({
    id: `id-${name}`,
    name,
    resource: 'app-build',
    pipeline: 'app-build',
    metadata: { version: '1' },
    spec: { repository, image: { registry: registry.host, repository: `demo/${name}`, tag: 'latest' } },
  });

  /** Sends one step and waits for its result, as the engine would. */
  const runStep = async (
    driver: string,
    step: Resource,
    runId: string,
    event: string,
  ): Promise<DriverResultEvent> => {
    const before = (await results.results()).length;
    await publisher.publish({ driver, resource: step as never, runId, event });
    const stored = await results.waitFor(before + 1, 30_000);
    return stored[stored.length - 1].event.driverresult;
  };

  it("clones the repository, pushes the image, and each step's result is what the next step needs", async () => {
    const runId = '5d1c9a8e-2b7f-4c3e-9a1d-0e6f7b8c9d0a';
    const start = resource('hello', repo.path);
    const cloned = await runStep('git-cloner', start, runId, 'create');
    expect(cloned).toMatchObject({
      success: true,
      driver: 'git-cloner',
      data: { commit, ref: 'main', path: join(workspaces, runId, 'hello') },
    });

    // The engine stores each result as a JSON string on the resource and sends it to the next step.
    const next = {
      ...start,
      metadata: { ...start.metadata, [stepResultKey('git-cloner')]: JSON.stringify(cloned) },
    };
    const pushed = await runStep('image-pusher', next, runId, 'process');
    expect(pushed).toMatchObject({
      success: true,
      driver: 'image-pusher',
      data: { image: `${registry.host}/demo/hello:latest` },
    });

    const digest = (pushed.data as { digest: string }).digest;
    const client = new ImagePusherService().clientFor(
      { registry: registry.host, repository: 'demo/hello' },
      { logger: new RecordingLogger() },
    );
    const manifest = await client.get('manifests', 'latest', MediaTypes.manifest);
    expect(sha256Digest(manifest)).toBe(digest);
  });

  it("an unreachable repository gives a failure result carrying git's message", async () => {
    const failed = await runStep(
      'git-cloner',
      resource('broken', join(workspaces, 'missing')),
      'a1b2c3d4-0000-4000-8000-000000000001',
      'create',
    );
    expect(failed.success).toBe(false);
    expect(failed.message).toMatch(
      /^git clone failed \(exit code 128\): fatal: .*(does not exist|not appear to be a git repository)/,
    );
    expect(failed.message).not.toContain('.partial-'); // git's progress chatter stays in the logs
  });
});
