// Runs the CLI from its TypeScript sources, as jest does: started with ts-node's transpile-only hook,
// it maps the workspace package names to their sources, so the real binary is tested without a build.
import Module from 'node:module';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const sources: Record<string, string> = {
  '@conveyor-ts/core': 'packages/core/src/index.ts',
  '@conveyor-ts/core/testing': 'packages/core/src/testing/index.ts',
  '@conveyor-ts/decorators': 'packages/decorators/src/index.ts',
  '@conveyor-ts/control-plane': 'packages/control-plane/src/index.ts',
};
type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const original = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request, ...rest) {
  const mapped = sources[request];
  return original.call(this, mapped ? resolve(root, mapped) : request, ...rest);
};
void import(resolve(root, 'packages/cli/src/bin.ts'));
