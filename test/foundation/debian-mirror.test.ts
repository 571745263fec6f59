import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(__dirname, '../../packages/core/scripts/debian-mirror.sh');

/** Runs debian-mirror.sh over an apt folder holding `files`. */
function mirrorOf(files: Record<string, string>, env: Record<string, string> = {}) {
  const apt = mkdtempSync(join(tmpdir(), 'conveyor-apt-'));
  try {
    mkdirSync(join(apt, 'sources.list.d'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(apt, name), text);
    const run = spawnSync('bash', [SCRIPT], {
      env: { PATH: process.env.PATH, CONVEYOR_APT_DIR: apt, ...env },
      encoding: 'utf8',
    });
    return { code: run.status, out: run.stdout.trim(), err: run.stderr };
  } finally {
    rmSync(apt, { recursive: true, force: true });
  }
}

/** The provisioning scripts download from the Debian mirror the system's apt uses, never a fixed host. */
describe('debian-mirror.sh', () => {
  it('reads the one-line format, options and a trailing slash included, skipping deb-src and comments', () => {
    const list =
      '# a comment\ndeb-src http://src/debian bookworm main\ndeb [arch=amd64 signed-by=/k.gpg] http://proxy:3142/debian/ bookworm main\n';
    expect(mirrorOf({ 'sources.list': list }).out).toBe('http://proxy:3142/debian');
  });

  it('reads sources.list.d/*.list', () => {
    expect(mirrorOf({ 'sources.list.d/local.list': 'deb http://mirror.lan/debian trixie main\n' }).out).toBe(
      'http://mirror.lan/debian',
    );
  });

  it('reads deb822 .sources, skipping other archives, security and disabled stanzas', () => {
    const sources = [
      'Types: deb\nURIs: https://deb.nodesource.com/node_20.x\nSuites: nodistro\nComponents: main',
      'Types: deb\nURIs: http://mirror.lan/debian-security\nSuites: bookworm-security\nComponents: main',
      'Types: deb deb-src\nEnabled: no\nURIs: http://off/debian\nSuites: trixie\nComponents: main',
      'Types: deb\nURIs: http://mirror.lan/debian\nSuites: bookworm bookworm-updates\nComponents: main',
    ].join('\n\n');
    expect(mirrorOf({ 'sources.list.d/debian.sources': sources }).out).toBe('http://mirror.lan/debian');
  });

  it('CONVEYOR_DEBIAN_MIRROR wins', () => {
    const list = { 'sources.list': 'deb http://deb.debian.org/debian bookworm main\n' };
    expect(mirrorOf(list, { CONVEYOR_DEBIAN_MIRROR: 'http://mine/debian/' }).out).toBe('http://mine/debian');
  });

  it('says what to do when apt has no Debian archive', () => {
    const run = mirrorOf({ 'sources.list': 'deb https://example.com/apt stable-ish main\n' });
    expect(run.code).toBe(3);
    expect(run.err).toMatch(/no Debian archive found in .*sources\.list.*set CONVEYOR_DEBIAN_MIRROR/s);
  });
});
