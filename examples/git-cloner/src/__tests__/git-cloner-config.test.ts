import { DEFAULT_ALLOWED_PROTOCOLS, DEFAULT_CLONE_TIMEOUT_MS, resolveGitClonerConfig } from '..';

describe('resolveGitClonerConfig', () => {
  it('has safe defaults', () => {
    const config = resolveGitClonerConfig({}, {});
    expect(config).toMatchObject({
      allowLocalRepositories: false,
      allowedProtocols: DEFAULT_ALLOWED_PROTOCOLS,
      timeoutMs: DEFAULT_CLONE_TIMEOUT_MS,
      gitBinary: 'git',
    });
    expect(config.workspaceRoot).toMatch(/conveyor-workspaces$/);
  });

  it('reads the environment, and options win over it', () => {
    const env = {
      GIT_CLONER_WORKSPACE_ROOT: '/srv/ws',
      GIT_CLONER_ALLOW_LOCAL: 'true',
      GIT_CLONER_TIMEOUT_MS: '5000',
    };
    expect(resolveGitClonerConfig({}, env)).toMatchObject({
      workspaceRoot: '/srv/ws',
      allowLocalRepositories: true,
      timeoutMs: 5000,
    });
    expect(resolveGitClonerConfig({ allowLocalRepositories: false, timeoutMs: 1 }, env)).toMatchObject({
      allowLocalRepositories: false,
      timeoutMs: 1,
    });
  });

  it('names the variable and the value when the environment is wrong', () => {
    expect(() => resolveGitClonerConfig({}, { GIT_CLONER_ALLOW_LOCAL: 'yes' })).toThrow(
      'GIT_CLONER_ALLOW_LOCAL must be true or false, got "yes"',
    );
    expect(() => resolveGitClonerConfig({}, { GIT_CLONER_TIMEOUT_MS: '-1' })).toThrow(
      'GIT_CLONER_TIMEOUT_MS must be a positive integer, got "-1"',
    );
  });
});
