import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A file in a test commit: text, or `{ content, mode }` for executables, or `{ symlink }`. */
export type TestFile = string | { content: string; mode: number } | { symlink: string };

/**
 * A real git repository in a temporary folder, built commit by commit, for the examples' tests and the demo.
 * Commits carry fixed author data so their ids are reproducible within a test.
 */
export class TestRepository {
  readonly path: string;

  constructor(branch = 'main') {
    this.path = mkdtempSync(join(tmpdir(), 'conveyor-test-repo-'));
    this.git('init', '--quiet', `--initial-branch=${branch}`);
  }

  /** Replaces the working tree's files with `files`, commits, and returns the commit id. */
  commit(message: string, files: Record<string, TestFile>): string {
    this.git('rm', '-r', '--quiet', '--ignore-unmatch', '.');
    for (const [name, file] of Object.entries(files)) {
      const path = join(this.path, name);
      mkdirSync(dirname(path), { recursive: true });
      if (typeof file === 'string') writeFileSync(path, file);
      else if ('symlink' in file) symlinkSync(file.symlink, path);
      else {
        writeFileSync(path, file.content);
        chmodSync(path, file.mode);
      }
    }
    this.git('add', '--all');
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  git(...args: string[]): string {
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
    };
    return execFileSync('git', ['-C', this.path, ...args], { env, encoding: 'utf8' }).trim();
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
