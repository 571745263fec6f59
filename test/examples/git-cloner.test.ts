import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloneFailedError, CloneRefusedError, GitClonerService } from '../../examples/git-cloner/src';
import { RecordingLogger } from '@conveyor-ts/core/testing';
import { TestRepository } from '../../examples/git-cloner/src/testing';

describe('GitClonerService with real git', () => {
  let repo: TestRepository;
  let root: string;
  let first: string;
  let second: string;
  let onFeature: string;
  let cloner: GitClonerService;
  let logger: RecordingLogger;
  const context = (resourceName = 'app', runId = 'run-1') => ({ runId, resourceName, logger });

  beforeAll(() => {
    repo = new TestRepository();
    first = repo.commit('first', { 'README.md': 'version 1\n' });
    repo.git('tag', 'v1');
    second = repo.commit('second', { 'README.md': 'version 2\n', 'src/app.ts': 'export {};\n' });
    repo.git('checkout', '--quiet', '-b', 'feature');
    onFeature = repo.commit('feature work', { 'README.md': 'feature\n' });
    repo.git('checkout', '--quiet', 'main');
  });
  afterAll(() => repo.remove());
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'conveyor-workspaces-'));
    cloner = new GitClonerService({ workspaceRoot: root, allowLocalRepositories: true });
    logger = new RecordingLogger();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const read = (path: string, file: string) => readFileSync(join(path, file), 'utf8');
  const git = (path: string, ...args: string[]) =>
    execFileSync('git', ['-C', path, ...args], { encoding: 'utf8' }).trim();

  it('shallow-clones the default branch into <root>/<run id>/<name> and streams git output to the logger', async () => {
    const result = await cloner.clone({ repository: repo.path }, context());

    expect(result).toEqual({ commit: second, ref: 'main', path: join(root, 'run-1', 'app') });
    expect(read(result.path, 'README.md')).toBe('version 2\n');
    expect(git(result.path, 'rev-parse', '--is-shallow-repository')).toBe('true');
    expect(git(result.path, 'rev-list', '--count', 'HEAD')).toBe('1');
    expect(logger.messages().some((m) => m.startsWith('Cloning into'))).toBe(true);
    expect(logger.entries.find((e) => e.message.startsWith('Cloning into'))?.labels).toEqual({
      git: 'clone',
    });
  });

  it('clones a branch, a tag, a full commit and an abbreviated commit', async () => {
    const branch = await cloner.clone({ repository: repo.path, ref: 'feature' }, context('branch'));
    expect([branch.commit, branch.ref, read(branch.path, 'README.md')]).toEqual([
      onFeature,
      'feature',
      'feature\n',
    ]);

    const tag = await cloner.clone({ repository: repo.path, ref: 'v1' }, context('tag'));
    expect([tag.commit, read(tag.path, 'README.md')]).toEqual([first, 'version 1\n']);

    const commit = await cloner.clone(
      { repository: `file://${repo.path}`, ref: first, depth: 1 },
      context('commit'),
    );
    expect([commit.commit, commit.ref, read(commit.path, 'README.md')]).toEqual([
      first,
      first,
      'version 1\n',
    ]);
    expect(existsSync(join(commit.path, 'src'))).toBe(false);

    const short = await cloner.clone(
      { repository: repo.path, ref: onFeature.slice(0, 10) },
      context('short'),
    );
    expect([short.commit, read(short.path, 'README.md')]).toEqual([onFeature, 'feature\n']);
  });

  it('honours depth', async () => {
    const result = await cloner.clone({ repository: repo.path, depth: 2 }, context());
    expect(git(result.path, 'rev-list', '--count', 'HEAD')).toBe('2');
  });

  it('replaces an earlier clone of the same run and resource (a redelivered message)', async () => {
    await cloner.clone({ repository: repo.path, ref: 'v1' }, context());
    const again = await cloner.clone({ repository: repo.path }, context());
    expect(read(again.path, 'README.md')).toBe('version 2\n');
    expect(readdirSync(join(root, 'run-1'))).toEqual(['app']);
  });

  it("fails with git's message for an unreachable repository and leaves no folder behind", async () => {
    const missing = join(root, 'no-such-repo');
    const error = await cloner.clone({ repository: missing }, context()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CloneFailedError);
    expect((error as Error).message).toMatch(
      /git clone failed \(exit code 128\): .*does not exist|not appear to be a git repository/s,
    );
    expect(readdirSync(root)).toEqual([]);
  });

  it("fails with git's message for an unknown branch", async () => {
    const error = await cloner
      .clone({ repository: repo.path, ref: 'no-such-branch' }, context())
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('Remote branch no-such-branch not found');
    expect(readdirSync(root)).toEqual([]);
  });

  describe('refuses', () => {
    const refused: Array<[string, object, string?, string?]> = [
      ['an option as URL', { repository: '--upload-pack=touch /tmp/pwned' }],
      ['ext:: transport', { repository: "ext::sh -c 'touch /tmp/pwned'" }],
      ['ext:: without spaces', { repository: 'ext::touch%S/tmp/pwned' }],
      ['fd:: transport', { repository: 'fd::17' }],
      ['any remote helper', { repository: 'persistent-https::example.com/repo' }],
      ['an unknown scheme', { repository: 'ftp://example.com/repo.git' }],
      ['an empty URL', { repository: '' }],
      ['a URL with a newline', { repository: 'https://example.com/a\n--upload-pack=x' }],
      ['a ref that is an option', { repository: 'https://example.com/r.git', ref: '--upload-pack=x' }],
      ['a ref range', { repository: 'https://example.com/r.git', ref: 'main..evil' }],
      ['a depth of 0', { repository: 'https://example.com/r.git', depth: 0 }],
      ['a fractional depth', { repository: 'https://example.com/r.git', depth: 1.5 }],
      ['a name with ..', { repository: 'https://example.com/r.git' }, '..'],
      ['a name with a slash', { repository: 'https://example.com/r.git' }, 'a/../../b'],
      ['an absolute name', { repository: 'https://example.com/r.git' }, '/etc'],
      ['a hidden name', { repository: 'https://example.com/r.git' }, '.git'],
      ['a run id that escapes', { repository: 'https://example.com/r.git' }, 'app', '../..'],
      ['a name longer than a file name can be', { repository: 'https://example.com/r.git' }, 'a'.repeat(300)],
    ];
    it.each(refused)('%s', async (_what, spec, name = 'app', runId = 'run-1') => {
      const error = await cloner.clone(spec, context(name, runId)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CloneRefusedError);
      expect(readdirSync(root)).toEqual([]);
    });

    it('local paths and file:// URLs unless configuration allows them', async () => {
      const strict = new GitClonerService({ workspaceRoot: root });
      for (const repository of [repo.path, `file://${repo.path}`, './relative/repo', '../up']) {
        const error = await strict.clone({ repository }, context()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CloneRefusedError);
        expect((error as Error).message).toContain('local repositories are not allowed by configuration');
      }
      expect(existsSync('/tmp/pwned')).toBe(false);
    });
  });

  it("never logs or reports a repository URL's userinfo", async () => {
    const closed = createServer();
    await new Promise<void>((ready) => closed.listen(0, '127.0.0.1', ready));
    const { port } = closed.address() as { port: number };
    await new Promise((done) => closed.close(done)); // nothing listens: git fails at once
    const strict = new GitClonerService({ workspaceRoot: root });
    const urls = [`http://deploy:s3cret-pw@127.0.0.1:${port}/repo.git`, '-https://x:s3cret-pw@h/r'];
    const errors = await Promise.all(
      urls.map((repository) =>
        strict.clone({ repository }, context()).then(
          () => new Error('cloned'),
          (e: unknown) => e as Error,
        ),
      ),
    );
    expect(errors[0]).toBeInstanceOf(CloneFailedError);
    expect(errors[1]).toBeInstanceOf(CloneRefusedError);
    expect(logger.messages().some((m) => m.startsWith(`Cloning http://127.0.0.1:${port}/repo.git`))).toBe(
      true,
    );
    const shown = [...logger.messages(), ...errors.map((e) => e.message)].join('\n');
    expect(shown).not.toContain('s3cret-pw');
    expect(shown).not.toContain('deploy');
  });

  describe('a remote that never answers', () => {
    let server: Server;
    let port: number;
    const sockets: Socket[] = [];
    const closed: Promise<void>[] = [];

    beforeAll(async () => {
      server = createServer((socket) => {
        sockets.push(socket);
        socket.resume(); // read (and ignore) git's request, so the peer's close is noticed
        closed.push(new Promise((done) => socket.once('close', () => done())));
      });
      await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
      port = (server.address() as { port: number }).port;
    });
    afterAll(async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise((done) => server.close(done));
    });

    it('is killed at the timeout, with its connection, and leaves no folder behind', async () => {
      const impatient = new GitClonerService({ workspaceRoot: root, timeoutMs: 700 });
      const error = await impatient
        .clone({ repository: `git://127.0.0.1:${port}/repo.git` }, context())
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(CloneFailedError);
      expect((error as CloneFailedError).timedOut).toBe(true);
      expect((error as Error).message).toContain('git clone timed out and was killed');
      await Promise.all(closed); // git's connection is gone: the process that held it was killed
      expect(readdirSync(root)).toEqual([]);
    });

    it('is killed when the reconcile is cancelled', async () => {
      const controller = new AbortController();
      const pending = cloner.clone(
        { repository: `git://127.0.0.1:${port}/repo.git` },
        { ...context(), signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 300);
      const error = await pending.catch((e: unknown) => e);
      expect((error as Error).message).toContain('git clone was cancelled');
      expect(readdirSync(root)).toEqual([]);
    });
  });
});
