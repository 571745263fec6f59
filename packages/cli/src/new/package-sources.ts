import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, ExitCode } from '../cli-error';

/** The framework packages a new project depends on, by their short names in the template. */
export const FRAMEWORK_PACKAGES = ['core', 'decorators', 'control-plane', 'cli'] as const;
export type FrameworkPackage = (typeof FRAMEWORK_PACKAGES)[number];

/**
 * Where a new project installs the framework from: the registry at this CLI's version, or the
 * tarballs `npm pack` wrote into a folder (`conveyor-ts-core-0.1.0.tgz`, ...) before it is published.
 */
export function packageSources(version: string, tarballFolder?: string): Record<FrameworkPackage, string> {
  const sources = {} as Record<FrameworkPackage, string>;
  for (const name of FRAMEWORK_PACKAGES) {
    sources[name] = tarballFolder ? `file:${findTarball(resolve(tarballFolder), name)}` : `^${version}`;
  }
  return sources;
}

function findTarball(folder: string, name: FrameworkPackage): string {
  if (!existsSync(folder)) throw new CliError(`--from ${folder}: no such folder`, ExitCode.usage);
  const pattern = new RegExp(`^conveyor-ts-${name}-\\d+\\.\\d+\\.\\d+.*\\.tgz$`);
  const found = readdirSync(folder).filter((f) => pattern.test(f));
  if (found.length !== 1)
    throw new CliError(
      `--from ${folder}: expected one conveyor-ts-${name}-<version>.tgz, found ${found.length === 0 ? 'none' : found.join(', ')} (npm pack writes them)`,
      ExitCode.usage,
    );
  return join(folder, found[0]);
}
