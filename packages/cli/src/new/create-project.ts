import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { CliError, ExitCode } from '../cli-error';
import type { FrameworkPackage } from './package-sources';

/** The project template, beside src/ and dist/ alike. */
const TEMPLATE = resolve(__dirname, '../../templates/driver-project');

/** npm drops `.gitignore` from published packages, so the template holds it without the dot. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

/** npm's rule for package names, as far as a folder name can break it. */
const VALID_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/**
 * Writes a new driver project into `dir` (created; it must be empty if it exists) and returns the
 * files written, relative to it. `{{name}}` and `{{dependency:<package>}}` are filled in.
 */
export function createProject(dir: string, sources: Record<FrameworkPackage, string>): string[] {
  const target = resolve(dir);
  const name = basename(target).toLowerCase();
  if (!VALID_NAME.test(name))
    throw new CliError(
      `${dir}: "${name}" is not a valid npm package name (lowercase letters, digits, - . _)`,
      ExitCode.usage,
    );
  if (existsSync(target) && readdirSync(target).length > 0)
    throw new CliError(`${dir} exists and is not empty; choose a new folder`, ExitCode.usage);
  const fill = (text: string): string =>
    text
      .replace(/\{\{name\}\}/g, name)
      .replace(/\{\{dependency:([a-z-]+)\}\}/g, (_all, pkg: string) => sources[pkg as FrameworkPackage]);
  const written: string[] = [];
  for (const file of templateFiles(TEMPLATE)) {
    const relativePath = relative(TEMPLATE, file);
    const out = join(
      target,
      relativePath.replace(/[^/\\]+$/, (leaf) => RENAMED[leaf] ?? leaf),
    );
    mkdirSync(resolve(out, '..'), { recursive: true });
    writeFileSync(out, fill(readFileSync(file, 'utf8')));
    written.push(relative(target, out));
  }
  return written;
}

function templateFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? templateFiles(path) : [path];
    });
}
