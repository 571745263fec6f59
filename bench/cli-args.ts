/** `npm run bench -- [--quick] [--no-docs] [--only <id>[,<id>...]]`. */
export interface BenchArgs {
  quick: boolean;
  /** Set by `--no-docs`: write the results file only, leave docs/benchmarks.* as they are (CI smoke). */
  noDocs?: true;
  /** Scenario ids to run; every scenario when absent. */
  only?: string[];
}

export function parseBenchArgs(argv: readonly string[], knownIds: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') {
      args.quick = true;
    } else if (arg === '--no-docs') {
      args.noDocs = true;
    } else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!value) throw new Error(`--only needs a scenario id: ${knownIds.join(', ')}`);
      const ids = value.split(',').map((id) => id.trim());
      const unknown = ids.filter((id) => !knownIds.includes(id));
      if (unknown.length > 0) {
        throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${knownIds.join(', ')}`);
      }
      args.only = [...(args.only ?? []), ...ids];
    } else {
      throw new Error(
        `unknown argument ${arg}; usage: npm run bench -- [--quick] [--no-docs] [--only <id>[,<id>...]]`,
      );
    }
  }
  return args;
}
