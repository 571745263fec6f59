import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeTempDir } from '../support/temp-dirs';

const SCRIPT = resolve(__dirname, '../../packages/core/scripts/provision-nats-server.sh');
const TOOLS_NATS = resolve(__dirname, '../../.tools/bin/nats-server');

/** A PATH with the shell basics the script uses, and no apt-get, dpkg-deb or nats-server. */
function barePath(): string {
  const bin = makeTempDir('bare-path-');
  for (const tool of ['bash', 'sed', 'dirname', 'mkdir', 'ln', 'cat', 'uname', 'install', 'env']) {
    const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (found) symlinkSync(found, join(bin, tool));
  }
  return bin;
}

const provision = (env: Record<string, string>) =>
  spawnSync(join(barePath(), 'bash'), [SCRIPT], {
    encoding: 'utf8',
    cwd: makeTempDir('provision-'),
    env: { PATH: barePath(), ...env },
  });

describe('provision-nats-server.sh off Debian', () => {
  it('says what to install on macOS and other Linux, and names CONVEYOR_NATS_SERVER', () => {
    const tools = makeTempDir('tools-');
    const result = provision({ CONVEYOR_TOOLS_DIR: tools });
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('not a Debian/Ubuntu system');
    expect(result.stderr).toContain('brew install nats-server');
    expect(result.stderr).toContain('https://github.com/nats-io/nats-server/releases');
    expect(result.stderr).toContain('CONVEYOR_NATS_SERVER');
  });

  it('accepts the nats-server CONVEYOR_NATS_SERVER names and refuses one that is not', () => {
    const tools = join(makeTempDir('tools-'), 'nested');
    mkdirSync(tools);
    const good = provision({ CONVEYOR_TOOLS_DIR: tools, CONVEYOR_NATS_SERVER: TOOLS_NATS });
    expect([good.status, good.stderr]).toEqual([0, '']);
    expect(existsSync(join(tools, 'bin'))).toBe(false);
    const bad = provision({ CONVEYOR_TOOLS_DIR: tools, CONVEYOR_NATS_SERVER: '/nonexistent/nats-server' });
    expect([bad.status, bad.stderr]).toEqual([
      3,
      expect.stringContaining('CONVEYOR_NATS_SERVER=/nonexistent/nats-server is not'),
    ]);
  });
});
