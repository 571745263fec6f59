import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { TlsFiles } from '@conveyor-ts/core';
import { findToolsBinary, freePort, stopProcessGroup } from '@conveyor-ts/core/testing';
import { upstreamTools } from './upstream-tools';

const run = promisify(execFile);

/** The key types the recipe's `make-certs.sh` makes. */
export type UpstreamKeyType = 'rsa' | 'ec256' | 'ec384';

export interface UpstreamServerOptions {
  /** Auth on (`api.auth_enabled`): NATS mutual TLS and a JWT on every API call, with keys of this type. */
  auth?: UpstreamKeyType;
}

/** A real Conveyor server (`conveyor up`) on loopback ports with a temporary data dir. */
export interface UpstreamServer {
  readonly apiUrl: string;
  readonly natsUrl: string;
  readonly dataDir: string;
  /** With auth: the folder `make-certs.sh` filled (ca.pem, server.*, client.*). */
  readonly tlsDir?: string;
  /** With auth: the client identity, as the framework's `tls` option and the client's `certificate`. */
  readonly identity?: TlsFiles;
  readonly pid: number;
  /** The server's stdout and stderr so far. */
  log(): string;
  /** SIGTERM to the server's process group, SIGKILL after 5 s, then the data dir is removed. */
  stop(): Promise<void>;
}

// Logged by the server (internal/utils/nats.go) once its embedded NATS listens.
const NATS_STARTED = /NATS server started on \w+:\/\/[^\s:]+:(\d+)/;

/**
 * Starts the server with the recipe's `start.sh` (and `make-certs.sh` for auth). `APP_ENV=test` keeps
 * the embedded etcd off the fixed ports 2379/2380 and lets the embedded NATS pick a free port (read
 * back from the server's log), so several servers can run at once; TMPDIR inside the data dir keeps
 * what test mode writes to the temporary folder (etcd, JetStream store) private to this server.
 */
export async function startUpstreamServer(options: UpstreamServerOptions = {}): Promise<UpstreamServer> {
  const { binary, recipe } = upstreamTools();
  const root = mkdtempSync(join(tmpdir(), 'conveyor-upstream-'));
  const dataDir = join(root, 'data');
  const privateTmp = join(root, 'tmp');
  mkdirSync(privateTmp, { recursive: true });
  try {
    const tlsDir = options.auth ? await makeCertificates(recipe, join(root, 'tls'), options.auth) : undefined;
    const apiPort = await freePort();
    const env = { ...process.env, APP_ENV: 'test', TMPDIR: privateTmp };
    const args = [join(recipe, 'start.sh'), binary, dataDir, String(apiPort), String(await freePort())];
    const { stdout } = await run('bash', tlsDir ? [...args, tlsDir] : args, { env, timeout: 60_000 });
    const pid = Number(stdout.trim().split('\n').pop());
    // Never signal group 0 or 1 (this very process group, or every process) over a misread pid.
    if (!Number.isInteger(pid) || pid <= 1) throw new Error(`start.sh printed no pid: ${stdout}`);
    const log = () => readFileSync(join(dataDir, 'server.log'), 'utf8');
    const natsPort = log().match(NATS_STARTED)?.[1];
    let stopping: Promise<void> | undefined;
    const stop = () => (stopping ??= stopServer(pid, root));
    if (!natsPort) {
      await stop();
      throw new Error(`the Conveyor server did not log its NATS port:\n${log().slice(-2000)}`);
    }
    return {
      apiUrl: `http://127.0.0.1:${apiPort}`,
      natsUrl: `${tlsDir ? 'tls' : 'nats'}://127.0.0.1:${natsPort}`,
      dataDir,
      tlsDir,
      identity:
        tlsDir === undefined
          ? undefined
          : {
              certFile: join(tlsDir, 'client.crt'),
              keyFile: join(tlsDir, 'client.key'),
              caFile: join(tlsDir, 'ca.pem'),
            },
      pid,
      log,
      stop,
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

/** A CA with server and client pairs, as `conveyor init` makes them, from the recipe's script. */
export async function makeCertificates(
  recipe: string,
  dir: string,
  keyType: UpstreamKeyType,
): Promise<string> {
  // `.tools/bin` first: scripts/provision-openssl.sh puts an openssl there where the system has none.
  const provisioned = findToolsBinary('openssl');
  const path = [provisioned && dirname(provisioned), process.env.PATH].filter(Boolean).join(delimiter);
  const env = { ...process.env, PATH: path };
  await run('bash', [join(recipe, 'make-certs.sh'), dir, keyType], { env, timeout: 60_000 });
  return dir;
}

/** start.sh runs the server with setsid: its pid is its process group's id. */
async function stopServer(pid: number, root: string): Promise<void> {
  try {
    await stopProcessGroup(pid);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
