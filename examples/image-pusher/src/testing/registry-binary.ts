import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findToolsBinary } from '@conveyor-ts/core/processes';

const run = promisify(execFile);

export interface RegistryBinary {
  path: string;
  version: string;
}

const PROVISION_HINT =
  "Run `npm run provision:registry` in the project, install Debian's `docker-registry` package, " +
  'or set CONVEYOR_REGISTRY to the path of a Distribution 2.x `registry` binary.';

/**
 * Finds a Distribution 2.x registry: an explicit path, then `CONVEYOR_REGISTRY`, then
 * `.tools/bin/docker-registry` in this or a parent folder (where the provisioning script puts it), then PATH.
 */
export async function findRegistryBinary(explicit?: string): Promise<RegistryBinary> {
  const candidates = [
    explicit,
    process.env.CONVEYOR_REGISTRY,
    findToolsBinary('docker-registry'),
    'docker-registry',
    'registry',
  ];
  for (const path of candidates) {
    if (!path) continue;
    const version = await readVersion(path);
    if (version !== undefined) return { path, version };
    if (path === explicit || path === process.env.CONVEYOR_REGISTRY) {
      throw new Error(`"${path}" is not a runnable Distribution 2.x registry. ${PROVISION_HINT}`);
    }
  }
  throw new Error(`No OCI registry binary found. ${PROVISION_HINT}`);
}

async function readVersion(path: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(path, ['--version'], { timeout: 10_000 });
    return /distribution v?(2\.\d+\.\d+)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}
