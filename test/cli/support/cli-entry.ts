// Runs the CLI from its TypeScript sources, as jest does: started with ts-node's transpile-only hook,
// it maps the workspace package names to their sources, so the real binary is tested without a build.
import '../../../scripts/workspace-sources';
import { resolve } from 'node:path';

void import(resolve(__dirname, '../../../packages/cli/src/bin.ts'));
