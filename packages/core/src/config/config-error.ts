/** A configuration value that cannot be used; `source` names the option or environment variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly source: string,
    readonly value: string,
    problem: string,
  ) {
    super(`Invalid configuration ${source}=${JSON.stringify(value)}: ${problem}`);
  }
}
