import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError, ExitCode } from '../cli-error';

/**
 * A real dynamic `import()`. The CLI is compiled to CommonJS, where TypeScript turns `import()` into
 * `require()`, which cannot load an ES module with top-level await; a Function body is not compiled.
 */
const importModule = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<Record<string, unknown>>;

/**
 * Loads the user's module: JavaScript (ESM or CommonJS) with `import()`, TypeScript through ts-node's
 * require hook (it hooks `require`, not the ESM loader).
 */
export async function loadUserModule(modulePath: string): Promise<Record<string, unknown>> {
  const path = resolve(modulePath);
  if (!existsSync(path)) throw new CliError(`${modulePath}: no such file`, ExitCode.usage);
  const typeScript = /\.[cm]?ts$/.test(path);
  if (typeScript && !require.extensions['.ts']) registerTypeScript(modulePath);
  try {
    return typeScript
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- ts-node hooks require() only
        (require(path) as Record<string, unknown>)
      : await importModule(pathToFileURL(path).href);
  } catch (error) {
    throw new CliError(`cannot load ${modulePath}: ${(error as Error).message}`, ExitCode.usage);
  }
}

function registerTypeScript(modulePath: string): void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional dependency, on demand
    (require('ts-node') as { register(options: object): unknown }).register({ transpileOnly: true });
  } catch {
    throw new CliError(
      `${modulePath} is TypeScript: install ts-node, or build it and run the .js file`,
      ExitCode.usage,
    );
  }
}
