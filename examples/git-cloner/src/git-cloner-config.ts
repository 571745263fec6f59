import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_ALLOWED_PROTOCOLS, DEFAULT_CLONE_TIMEOUT_MS } from './defaults';

/** How git-cloner runs; from options, then the environment, then defaults. Never from a resource spec. */
export interface GitClonerConfig {
  /** Clones go to `<workspaceRoot>/<run id>/<resource name>`. */
  workspaceRoot: string;
  /** Allow `file://` URLs and local paths (tests, the demo); off by default: they read the host's disk. */
  allowLocalRepositories: boolean;
  /** Network transports allowed (`https`, `http`, `ssh`, `git`). */
  allowedProtocols: readonly string[];
  timeoutMs: number;
  /** The git executable (default `git` on PATH). */
  gitBinary: string;
}

/**
 * Environment: `GIT_CLONER_WORKSPACE_ROOT` (default `<tmp>/conveyor-workspaces`),
 * `GIT_CLONER_ALLOW_LOCAL=true`, `GIT_CLONER_TIMEOUT_MS`, `GIT_CLONER_GIT`.
 */
export function resolveGitClonerConfig(
  options: Partial<GitClonerConfig> = {},
  env: NodeJS.ProcessEnv = process.env,
): GitClonerConfig {
  const root =
    options.workspaceRoot ?? env.GIT_CLONER_WORKSPACE_ROOT ?? join(tmpdir(), 'conveyor-workspaces');
  return {
    workspaceRoot: resolve(root),
    allowLocalRepositories: options.allowLocalRepositories ?? readFlag(env, 'GIT_CLONER_ALLOW_LOCAL'),
    allowedProtocols: options.allowedProtocols ?? DEFAULT_ALLOWED_PROTOCOLS,
    timeoutMs: options.timeoutMs ?? readPositive(env, 'GIT_CLONER_TIMEOUT_MS') ?? DEFAULT_CLONE_TIMEOUT_MS,
    gitBinary: options.gitBinary ?? env.GIT_CLONER_GIT ?? 'git',
  };
}

function readFlag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

function readPositive(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, got "${text}"`);
  return value;
}
