import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { MIN_NATS_SERVER_VERSION } from '../constants';
import { findToolsBinary } from './tools-binary';

const run = promisify(execFile);

export interface NatsServerBinary {
  path: string;
  version: string;
}

const PROVISION_HINT =
  'On Debian/Ubuntu run node_modules/@conveyor-ts/core/scripts/provision-nats-server.sh (`npm run provision:nats` here); ' +
  'on macOS `brew install nats-server`; on other Linux the release tarball of https://github.com/nats-io/nats-server/releases. ' +
  'Then put nats-server >= 2.10 on PATH, or set CONVEYOR_NATS_SERVER to its path.';

/**
 * Finds a nats-server >= 2.10: an explicit path, then `CONVEYOR_NATS_SERVER`, then `.tools/bin` in
 * this or a parent folder (where the provisioning script puts it), then PATH.
 */
export async function findNatsServer(explicit?: string): Promise<NatsServerBinary> {
  const path =
    explicit || process.env.CONVEYOR_NATS_SERVER || findToolsBinary('nats-server') || 'nats-server';
  const version = await readVersion(path);
  if (version === undefined) {
    throw new Error(`nats-server not found or not runnable at "${path}". ${PROVISION_HINT}`);
  }
  const [major, minor] = version.split('.').map(Number);
  const { major: needMajor, minor: needMinor } = MIN_NATS_SERVER_VERSION;
  if (major < needMajor || (major === needMajor && minor < needMinor)) {
    throw new Error(
      `nats-server at "${path}" is ${version}, older than ${needMajor}.${needMinor}, which Conveyor needs for multi-subject consumer filters. ${PROVISION_HINT}`,
    );
  }
  return { path, version };
}

async function readVersion(path: string): Promise<string | undefined> {
  try {
    const { stdout, stderr } = await run(path, ['--version'], { timeout: 10_000 });
    return /v(\d+\.\d+\.\d+)/.exec(stdout + stderr)?.[1];
  } catch {
    return undefined;
  }
}
