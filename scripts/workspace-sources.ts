// Imported first by the demo and the CLI tests: maps the workspace packages (`@conveyor-ts/*`) to their TypeScript
// sources, as tsconfig.json's `paths` and jest do, so they run under ts-node without a build.
import Module from 'node:module';
import { dirname, resolve } from 'node:path';
import { readConfigFile, sys } from 'typescript';

const tsconfigPath = resolve(__dirname, '../tsconfig.json');
const { config, error } = readConfigFile(tsconfigPath, sys.readFile);
if (error) throw new Error(`cannot read ${tsconfigPath}: ${String(error.messageText)}`);
const paths = (config?.compilerOptions?.paths ?? {}) as Record<string, string[]>;
const sources = new Map(
  Object.entries(paths).map(([name, [target]]) => [name, resolve(dirname(tsconfigPath), target)]),
);

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const original = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request, ...rest) {
  return original.call(this, sources.get(request) ?? request, ...rest);
};
