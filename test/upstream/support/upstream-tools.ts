import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
// Relative, not the package name: Jest's globalSetup (announce-skip.ts) runs without the name mapping.
import { findToolsBinary } from '@conveyor-ts/core/processes';

/** The real Conveyor server's binary and the recipe folder holding `start.sh` and `make-certs.sh`. */
export interface UpstreamTools {
  binary: string;
  recipe: string;
}

/**
 * Where `npm run provision:upstream` put the server (`.tools/bin/conveyor-upstream`, with the recipe's
 * path in `.tools/upstream/recipe`), or `CONVEYOR_UPSTREAM_BINARY` and `CONVEYOR_UPSTREAM_RECIPE`.
 * A string says why the server is not available.
 */
export function findUpstreamTools(env = process.env): UpstreamTools | string {
  const binary = env.CONVEYOR_UPSTREAM_BINARY || findToolsBinary('conveyor-upstream');
  if (!binary || !existsSync(binary)) {
    return 'no real Conveyor server: run `npm run provision:upstream` (it needs ../shared/upstream-server/ or CONVEYOR_UPSTREAM_RECIPE)';
  }
  const recorded = join(dirname(dirname(binary)), 'upstream', 'recipe');
  const recipe =
    env.CONVEYOR_UPSTREAM_RECIPE || (existsSync(recorded) ? readFileSync(recorded, 'utf8').trim() : '');
  if (!recipe || !existsSync(join(recipe, 'start.sh'))) {
    return `no start.sh in the recipe folder '${recipe}': run \`npm run provision:upstream\` again or set CONVEYOR_UPSTREAM_RECIPE`;
  }
  return { binary, recipe };
}

const found = findUpstreamTools();

/** `describe` when the real server is available; otherwise a skipped block (globalSetup said why). */
export function describeUpstream(name: string, body: () => void): void {
  (typeof found === 'string' ? describe.skip : describe)(name, body);
}

/** The tools, for a suite `describeUpstream` let run. */
export function upstreamTools(): UpstreamTools {
  if (typeof found === 'string') throw new Error(found);
  return found;
}
