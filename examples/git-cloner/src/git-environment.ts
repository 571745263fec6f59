/**
 * The environment git runs with: the process's own, minus every `GIT_*` variable (a `GIT_DIR` or
 * `GIT_CONFIG_PARAMETERS` inherited from a hook must not redirect the clone), with prompts off and
 * messages in English so failures read the same everywhere.
 */
export function gitEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (!key.startsWith('GIT_')) env[key] = value;
  }
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
    GCM_INTERACTIVE: 'never',
    LC_ALL: 'C',
    LANGUAGE: 'C',
  };
}

/** `-c` options that allow only these transports; everything else, `ext` and `fd` included, is refused by git too. */
export function protocolRestrictions(allowed: readonly string[]): string[] {
  return ['protocol.allow=never', ...allowed.map((p) => `protocol.${p}.allow=always`)].flatMap((c) => [
    '-c',
    c,
  ]);
}
