import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** `.tools/bin/<name>` in the working directory or above, where the provisioning scripts put binaries. */
export function findToolsBinary(name: string): string | undefined {
  for (let dir = resolve(process.cwd()); ; dir = dirname(dir)) {
    const candidate = join(dir, '.tools', 'bin', name);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
