import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TlsFiles } from '../config/conveyor-config';
import { PICKED_PORT_ATTEMPTS } from '../constants';
import { freePort } from './free-port';
import { findNatsServer, type NatsServerBinary } from './nats-server-binary';
import { PortInUseError } from './port-in-use-error';
import { untilServerReady } from './server-readiness';
import { spawnProcessGroup, stopProcessGroup } from './process-group';

export interface NatsServerProcessOptions {
  /** Path of the nats-server binary; found automatically when omitted. */
  binary?: string;
  /** Port to listen on; a free loopback port when omitted. */
  port?: number;
  /** How long to wait for "Server is ready". */
  startTimeoutMs?: number;
  /** JetStream store folder to use and keep on `stop()`; a temporary folder (removed on stop) when omitted. */
  storeDir?: string;
  /** Raise the server's `max_payload` (default 1 MB), to test oversized messages. */
  maxPayloadBytes?: number;
  /**
   * Require TLS with a client certificate signed by `caFile`, as a Conveyor server with auth on does
   * (protocol §6.2); the server presents `certFile`/`keyFile`.
   */
  tls?: TlsFiles;
  /** Serve nats-server's HTTP monitoring (`/connz`, `/subsz`) on this port, to inspect clients' subscriptions. */
  monitorPort?: number;
  /** Join a JetStream cluster: listen for routes on `port`, connect to the other nodes' route ports. */
  cluster?: ClusterMembership;
}

/** One node's place in a cluster of nats-servers on loopback. */
export interface ClusterMembership {
  name: string;
  /** This node's route port. */
  port: number;
  /** Every node's route port (this one's included is fine). */
  routePorts: number[];
}

/**
 * A real nats-server with JetStream on loopback, its store in a temporary folder. It can be
 * restarted on the same port and store (to test recovery) and is removed without trace on `stop()`.
 * It runs in its own process group with the parent-death signal: it dies with this process, even
 * when this process is SIGKILLed (the control plane's server and the tests' alike).
 */
export class NatsServerProcess {
  private child?: ChildProcess;
  private maxPayloadBytes?: number;
  private tls?: TlsFiles;
  private monitorPort?: number;
  private cluster?: ClusterMembership;

  private constructor(
    readonly binary: NatsServerBinary,
    readonly port: number,
    readonly storeDir: string,
    private readonly startTimeoutMs: number,
    private readonly ownsStore = true,
  ) {}

  /**
   * Starts a server and resolves once it serves. A client port picked here that another process
   * takes before the server binds it is picked again; a port the caller gave is the caller's.
   */
  static async start(options: NatsServerProcessOptions = {}): Promise<NatsServerProcess> {
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freePort());
      try {
        return await NatsServerProcess.startOn(port, options);
      } catch (error) {
        const picked = options.port === undefined && error instanceof PortInUseError && error.port === port;
        if (!picked || attempt >= PICKED_PORT_ATTEMPTS) throw error;
      }
    }
  }

  private static async startOn(port: number, options: NatsServerProcessOptions): Promise<NatsServerProcess> {
    const binary = await findNatsServer(options.binary);
    const storeDir = options.storeDir ?? (await mkdtemp(join(tmpdir(), 'conveyor-nats-')));
    const server = new NatsServerProcess(
      binary,
      port,
      storeDir,
      options.startTimeoutMs ?? 15_000,
      options.storeDir === undefined,
    );
    server.maxPayloadBytes = options.maxPayloadBytes;
    server.tls = options.tls;
    server.monitorPort = options.monitorPort;
    server.cluster = options.cluster;
    try {
      await server.launch();
    } catch (error) {
      if (server.ownsStore) await rm(storeDir, { recursive: true, force: true });
      throw error;
    }
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** The name the server reports (a JetStream cluster's `leader` and `replicas` use it). */
  get serverName(): string {
    return `conveyor-test-${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Stops the process (SIGTERM, or SIGKILL to simulate a crash) and keeps the store. */
  async halt(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    await stopProcessGroup(child, { signal });
  }

  /** Starts the process again on the same port and store folder. */
  async restart(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.halt(signal);
    await this.launch();
  }

  /** Starts the process again on the same port with an empty store, as `conveyor dev` without `--data-dir` does. */
  async restartEmpty(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.halt(signal);
    await rm(this.storeDir, { recursive: true, force: true });
    await mkdir(this.storeDir, { recursive: true });
    await this.launch();
  }

  /** Kills the process and removes its store folder (unless it was given). Safe to call twice. */
  async stop(): Promise<void> {
    await this.halt();
    if (this.ownsStore) await rm(this.storeDir, { recursive: true, force: true });
  }

  private launch(): Promise<void> {
    const args = [
      '-a',
      '127.0.0.1',
      '-p',
      String(this.port),
      '-js',
      '-sd',
      this.storeDir,
      '-n',
      this.serverName,
    ];
    if (this.tls) {
      const { certFile, keyFile, caFile } = this.tls;
      args.push('--tlscert', certFile, '--tlskey', keyFile, '--tlscacert', caFile, '--tlsverify');
    }
    if (this.monitorPort !== undefined) args.push('-m', String(this.monitorPort));
    if (this.cluster) {
      const { name, port, routePorts } = this.cluster;
      const routes = routePorts.filter((p) => p !== port).map((p) => `nats://127.0.0.1:${p}`);
      args.push(
        '--cluster_name',
        name,
        '--cluster',
        `nats://127.0.0.1:${port}`,
        '--routes',
        routes.join(','),
      );
    }
    if (this.maxPayloadBytes !== undefined) {
      const conf = join(this.storeDir, 'limits.conf');
      writeFileSync(conf, `max_payload: ${this.maxPayloadBytes}\n`);
      args.push('-c', conf);
    }
    const child = spawnProcessGroup(this.binary.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    return untilServerReady(child, {
      clustered: this.cluster !== undefined,
      timeoutMs: this.startTimeoutMs,
      describe: `nats-server ${this.binary.version} (${this.binary.path}) on port ${this.port}`,
    });
  }
}
