import { mkdir, mkdtemp, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { DriverLogger } from '@conveyor-ts/core';
import { CloneFailedError } from './clone-failed-error';
import { parseCloneSpec, type CloneRequest } from './clone-spec';
import { DEFAULT_CLONE_DEPTH } from './defaults';
import { couldBeAbbreviatedCommit } from './git-ref';
import { resolveGitClonerConfig, type GitClonerConfig } from './git-cloner-config';
import { GitRunner } from './git-runner';
import { withoutUserinfo } from './without-userinfo';
import { workspacePath } from './workspace-path';

/** git-cloner's result data (`driverresults.git-cloner`.data), read by later steps. */
export interface CloneResult {
  /** The checked-out commit's full SHA. */
  commit: string;
  /** The requested ref, or the remote's default branch when none was requested. */
  ref: string;
  /** Absolute path of the working tree. */
  path: string;
}

export interface CloneContext {
  runId: string;
  resourceName: string;
  logger: DriverLogger;
  /** Cancels the clone (the driver runtime's reconcile signal). */
  signal?: AbortSignal;
}

/**
 * Clones a repository at a ref into `<workspace root>/<run id>/<resource name>`: shallow where git
 * allows it, into a hidden staging folder renamed into place only on success, so a failed or
 * killed clone leaves nothing behind and a redelivered message simply clones again.
 */
export class GitClonerService {
  readonly config: GitClonerConfig;
  private readonly git: GitRunner;

  constructor(config: Partial<GitClonerConfig> = {}) {
    this.config = resolveGitClonerConfig(config);
    const protocols = this.config.allowLocalRepositories
      ? [...this.config.allowedProtocols, 'file']
      : this.config.allowedProtocols;
    this.git = new GitRunner(this.config.gitBinary, protocols);
  }

  /** Throws `CloneRefusedError` for unacceptable input and `CloneFailedError` when git fails or times out. */
  async clone(spec: unknown, context: CloneContext): Promise<CloneResult> {
    const request = parseCloneSpec(spec, this.config);
    const target = workspacePath(this.config.workspaceRoot, context.runId, context.resourceName);
    const timeout = AbortSignal.timeout(this.config.timeoutMs);
    const signal = context.signal ? AbortSignal.any([timeout, context.signal]) : timeout;
    const run = { signal, logger: context.logger };

    context.logger.info(
      `Cloning ${withoutUserinfo(request.url)}${request.ref ? ` at ${request.ref.name}` : ''} into ${target}`,
    );
    await mkdir(dirname(target), { recursive: true });
    const staging = await mkdtemp(join(dirname(target), `.${basename(target)}.partial-`));
    try {
      await this.fetch(request, staging, run);
      const commit = await this.git.run(['-C', staging, 'rev-parse', 'HEAD'], { ...run, capture: true });
      const ref =
        request.ref?.name ??
        (await this.git.run(['-C', staging, 'rev-parse', '--abbrev-ref', 'HEAD'], { ...run, capture: true }));
      await rm(target, { recursive: true, force: true });
      await rename(staging, target);
      context.logger.info(`Checked out ${ref} at ${commit}`);
      return { commit, ref, path: target };
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      await rmdir(dirname(target)).catch(() => undefined); // only if the run folder is now empty
      throw error;
    }
  }

  private async fetch(
    request: CloneRequest,
    dir: string,
    run: { signal: AbortSignal; logger: DriverLogger },
  ): Promise<void> {
    const depth = `--depth=${request.depth ?? DEFAULT_CLONE_DEPTH}`;
    const { ref, url } = request;
    if (ref?.kind === 'commit') return this.fetchCommit(url, ref.name, depth, dir, run);
    const branch = ref ? ['--branch', ref.name] : [];
    try {
      await this.git.run(['clone', depth, '--single-branch', ...branch, '--', url, dir], run);
    } catch (error) {
      const notABranch =
        error instanceof CloneFailedError && /Remote branch .* not found/.test(error.gitOutput);
      if (!ref || !notABranch || !couldBeAbbreviatedCommit(ref.name)) throw error;
      // Not a branch or tag, but it may be an abbreviated commit: only a full clone can resolve it.
      run.logger.info(`"${ref.name}" is not a branch or tag; cloning full history to find it as a commit`);
      await rm(dir, { recursive: true, force: true });
      await this.git.run(['clone', '--no-checkout', '--', url, dir], run);
      await this.git.run(['-C', dir, 'checkout', '--detach', `${ref.name}^{commit}`], run);
    }
  }

  private async fetchCommit(
    url: string,
    commit: string,
    depth: string,
    dir: string,
    run: { signal: AbortSignal; logger: DriverLogger },
  ): Promise<void> {
    await this.git.run(['init', '--quiet', dir], run);
    await this.git.run(['-C', dir, 'remote', 'add', 'origin', '--', url], run);
    try {
      await this.git.run(['-C', dir, 'fetch', depth, '--no-tags', 'origin', commit], run);
    } catch (error) {
      if (!(error instanceof CloneFailedError) || error.timedOut || run.signal.aborted) throw error;
      // Servers that refuse to serve a commit by id still serve it as part of their branches.
      run.logger.info(`The remote would not serve commit ${commit} directly; fetching its branches`);
      await this.git.run(
        ['-C', dir, 'fetch', '--no-tags', 'origin', '+refs/heads/*:refs/remotes/origin/*'],
        run,
      );
    }
    await this.git.run(['-C', dir, 'checkout', '--detach', commit], run);
  }
}
