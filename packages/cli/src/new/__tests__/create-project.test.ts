import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProject } from '../create-project';
import { packageSources } from '../package-sources';

describe('createProject', () => {
  const made: string[] = [];
  const root = () => {
    const dir = mkdtempSync(join(tmpdir(), 'conveyor-new-'));
    made.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the project with its name and registry versions filled in', () => {
    const dir = join(root(), 'my-driver');
    const files = createProject(dir, packageSources('1.2.3'));
    expect(files).toEqual(
      expect.arrayContaining([
        '.gitignore',
        'package.json',
        'tsconfig.json',
        'jest.config.js',
        'README.md',
        join('src', 'greeter.driver.ts'),
        join('src', '__tests__', 'greeter.driver.test.ts'),
        join('test', 'greeter.integration.test.ts'),
        join('conveyor', 'greeting.yaml'),
      ]),
    );
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.name).toBe('my-driver');
    expect(pkg.dependencies['@conveyor-ts/decorators']).toBe('^1.2.3');
    expect(pkg.devDependencies['@conveyor-ts/cli']).toBe('^1.2.3');
    expect(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).toContain('"emitDecoratorMetadata": true');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/^# my-driver\n/);
  });

  it('points the dependencies at npm pack tarballs with --from', () => {
    const tarballs = root();
    for (const name of ['core', 'decorators', 'control-plane', 'cli'])
      writeFileSync(join(tarballs, `conveyor-ts-${name}-0.1.0.tgz`), '');
    const dir = join(root(), 'from-tarballs');
    createProject(dir, packageSources('0.1.0', tarballs));
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies['@conveyor-ts/core']).toBe(
      `file:${join(tarballs, 'conveyor-ts-core-0.1.0.tgz')}`,
    );
  });

  it('refuses a folder that is not empty, a bad name, and a tarball folder missing a package', () => {
    const busy = join(root(), 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'x'), '');
    expect(() => createProject(busy, packageSources('0.1.0'))).toThrow('busy exists and is not empty');
    expect(() => createProject(join(root(), 'has space'), packageSources('0.1.0'))).toThrow(
      'not a valid npm package name',
    );
    expect(() => packageSources('0.1.0', root())).toThrow(
      'expected one conveyor-ts-core-<version>.tgz, found none',
    );
  });
});
