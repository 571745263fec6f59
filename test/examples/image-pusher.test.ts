import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { stepResultKey } from '@conveyor-ts/core';
import { GitClonerService, type CloneResult } from '../../examples/git-cloner/src';
import {
  contentBlob,
  ImagePushRefusedError,
  ImagePusherService,
  MediaTypes,
  RegistryError,
  sha256Digest,
} from '../../examples/image-pusher/src';
import { RegistryProcess } from '../../examples/image-pusher/src/testing';
import { RecordingLogger } from '@conveyor-ts/core/testing';
import { TestRepository } from '../../examples/git-cloner/src/testing';
import { expectLayerMatchesCommit, fetchPushedImage } from './support/pushed-image';

const LONG_NAME = `${'deeply/nested/'.repeat(8)}${'a-file-with-a-long-name-'.repeat(3)}.txt`;

describe('ImagePusherService with a real registry', () => {
  let registry: RegistryProcess;
  let repo: TestRepository;
  let workspaces: string;
  let commit: string;
  let clone: CloneResult;
  let logger: RecordingLogger;
  const fastRetry = { attempts: 3, initialDelayMs: 50, factor: 2, maxDelayMs: 200 };

  const resourceFor = (image: object, result: CloneResult = clone, success = true) => ({
    spec: { repository: repo.path, image },
    metadata: {
      version: '1',
      [stepResultKey('git-cloner')]: JSON.stringify({
        success,
        message: 'cloned',
        data: result,
        driver: 'git-cloner',
      }),
    },
  });

  beforeAll(async () => {
    registry = await RegistryProcess.start();
    repo = new TestRepository();
    repo.commit('old', { 'README.md': 'old\n', 'gone.txt': 'removed later\n' });
    commit = repo.commit('app', {
      'README.md': '# app\n',
      'bin/run.sh': { content: '#!/bin/sh\necho hi\n', mode: 0o755 },
      'docs/link.md': { symlink: '../README.md' },
      [LONG_NAME]: 'long\n',
      'données/été.txt': 'unicode\n',
      'empty.txt': '',
    });
    workspaces = mkdtempSync(join(tmpdir(), 'conveyor-workspaces-'));
    const cloner = new GitClonerService({ workspaceRoot: workspaces, allowLocalRepositories: true });
    clone = await cloner.clone(
      { repository: repo.path },
      { runId: 'run-1', resourceName: 'app', logger: new RecordingLogger() },
    );
  });
  afterAll(async () => {
    await registry.stop();
    repo.remove();
    rmSync(workspaces, { recursive: true, force: true });
  });
  beforeEach(() => (logger = new RecordingLogger()));

  it("pushes an OCI image whose layer holds exactly the repository's files at that commit", async () => {
    const pusher = new ImagePusherService();
    const spec = { registry: registry.host, repository: 'team/app', tag: 'v1' };
    const result = await pusher.push(resourceFor(spec), { logger });

    expect(result.image).toBe(`${registry.host}/team/app:v1`);
    expect(result.digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    const { digest, manifest, config, layer } = await fetchPushedImage(spec, 'v1');
    expect(digest).toBe(result.digest);
    expect(manifest).toMatchObject({
      schemaVersion: 2,
      mediaType: MediaTypes.manifest,
      config: { mediaType: MediaTypes.config },
      layers: [{ mediaType: MediaTypes.layerGzip }],
      annotations: { 'org.opencontainers.image.revision': commit },
    });
    expect(config.rootfs).toEqual({ type: 'layers', diff_ids: [sha256Digest(gunzipSync(layer))] });
    expect(config).toMatchObject({ os: 'linux', config: { WorkingDir: '/app' } });

    expectLayerMatchesCommit(layer, repo, commit);
  });

  it('skips blobs the registry already has and gives the same digest for the same commit', async () => {
    const pusher = new ImagePusherService();
    const first = await pusher.push(resourceFor({ registry: registry.host, repository: 'team/again' }), {
      logger,
    });
    const skipped = new RecordingLogger();
    const second = await pusher.push(
      resourceFor({ registry: registry.host, repository: 'team/again', tag: 'copy' }),
      {
        logger: skipped,
      },
    );

    expect(first.image).toBe(`${registry.host}/team/again:${commit}`); // tag defaults to the commit
    expect(second.digest).toBe(first.digest);
    expect(logger.messages().filter((m) => m.startsWith('Uploaded blob'))).toHaveLength(2);
    expect(skipped.messages().filter((m) => m.includes('already in the registry, skipped'))).toHaveLength(2);
    expect(skipped.messages().some((m) => m.startsWith('Uploaded blob'))).toBe(false);
  });

  it('retries while the registry is down, then fails with a clear message', async () => {
    await registry.halt();
    try {
      const pusher = new ImagePusherService({ retry: fastRetry });
      const error = await pusher
        .push(resourceFor({ registry: registry.host, repository: 'team/down' }), { logger })
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(RegistryError);
      expect((error as Error).message).toMatch(
        new RegExp(
          `^HEAD blob sha256:[0-9a-f]{64} at ${registry.host} failed after 3 attempts: ECONNREFUSED`,
        ),
      );
      expect(
        logger.entries.filter((e) => e.level === 'warn' && e.message.includes('retrying in')),
      ).toHaveLength(2);
    } finally {
      await registry.launch();
    }
  });

  it("quotes the real registry's error body, bounded, when it refuses a manifest", async () => {
    const client = new ImagePusherService().clientFor(
      { registry: registry.host, repository: 'team/refused' },
      { logger },
    );
    const invalid = contentBlob(MediaTypes.manifest, Buffer.from('{"schemaVersion": 2, "layers": "nope"}'));
    const error = await client.putManifest('v1', invalid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^PUT manifest v1 at ${registry.host}: HTTP 400 \\{"errors":\\[\\{"code":"MANIFEST_INVALID"`,
      ),
    );
    expect((error as Error).message.length).toBeLessThan(700);
  });

  it('rides out a registry restart', async () => {
    await registry.halt();
    const pusher = new ImagePusherService({
      retry: { attempts: 20, initialDelayMs: 100, factor: 1.5, maxDelayMs: 500 },
    });
    const pushing = pusher.push(resourceFor({ registry: registry.host, repository: 'team/restart' }), {
      logger,
    });
    await new Promise((done) => setTimeout(done, 300));
    await registry.launch();

    const result = await pushing;
    expect(result.digest).toMatch(/^sha256:/);
    expect(logger.messages().some((m) => m.includes('ECONNREFUSED') && m.includes('retrying in'))).toBe(true);
  });

  describe('refuses', () => {
    const target = () => ({ registry: registry.host, repository: 'team/app' });
    const refusal = (resource: object): Promise<ImagePushRefusedError> =>
      new ImagePusherService().push(resource as never, { logger }).then(
        () => Promise.reject(new Error('expected a refusal')),
        (e: unknown) => e as ImagePushRefusedError,
      );

    it('a resource without a git-cloner result', async () => {
      const error = await refusal({ spec: { image: target() }, metadata: { version: '1' } });
      expect(error).toBeInstanceOf(ImagePushRefusedError);
      expect(error.message).toBe(
        'refused metadata["driverresults.git-cloner"]: is missing: the pipeline has not run that step before this one',
      );
    });

    it('a failed git-cloner result', async () => {
      const error = await refusal(resourceFor(target(), clone, false));
      expect(error.message).toContain('step "git-cloner" failed: cloned');
    });

    it('a working tree that is gone or at another commit', async () => {
      const gone = await refusal(resourceFor(target(), { ...clone, path: join(workspaces, 'nope') }));
      expect(gone.message).toContain('is gone or not a git repository');
      const other = await refusal(resourceFor(target(), { ...clone, commit: 'f'.repeat(40) }));
      expect(other.message).toContain(`is at ${commit}, not ${'f'.repeat(40)}`);
    });

    it.each([
      [
        'a registry with a scheme',
        { registry: 'https://example.com', repository: 'a' },
        'spec.image.registry',
      ],
      ['a registry with a path', { registry: 'example.com/x', repository: 'a' }, 'spec.image.registry'],
      [
        'an uppercase repository',
        { registry: 'example.com', repository: 'Team/App' },
        'spec.image.repository',
      ],
      ['a repository that climbs', { registry: 'example.com', repository: '../x' }, 'spec.image.repository'],
      ['a tag with a slash', { registry: 'example.com', repository: 'a', tag: 'x/y' }, 'spec.image.tag'],
      ['a tag starting with -', { registry: 'example.com', repository: 'a', tag: '-x' }, 'spec.image.tag'],
    ])('%s', async (_what, spec, field) => {
      const error = await refusal(resourceFor(spec));
      expect(error).toBeInstanceOf(ImagePushRefusedError);
      expect(error.field).toBe(field);
    });
  });
});
