import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, spawnProcessGroup, stopProcessGroup } from '@conveyor-ts/core/testing';
import { findRegistryBinary, type RegistryBinary } from './registry-binary';

export interface RegistryProcessOptions {
  /** Path of the registry binary; found automatically when omitted. */
  binary?: string;
  /** Port to listen on; a free loopback port when omitted. */
  port?: number;
  /** How long to wait for `GET /v2/` to answer. */
  startTimeoutMs?: number;
}

/**
 * A real OCI registry (Distribution 2.x) on loopback, no auth, with its storage and config file in
 * a temporary folder that `stop()` removes. It can be halted and started again on the same port and
 * storage, to test what a pusher does while the registry is down. Like nats-server it runs in its
 * own process group and dies with this process, so the demo's registry never outlives the demo.
 */
export class RegistryProcess {
  private child?: ChildProcess;
  private output = '';

  private constructor(
    readonly binary: RegistryBinary,
    readonly port: number,
    readonly dir: string,
    private readonly startTimeoutMs: number,
  ) {}

  static async start(options: RegistryProcessOptions = {}): Promise<RegistryProcess> {
    const binary = await findRegistryBinary(options.binary);
    const dir = await mkdtemp(join(tmpdir(), 'conveyor-registry-'));
    const registry = new RegistryProcess(
      binary,
      options.port ?? (await freePort()),
      dir,
      options.startTimeoutMs ?? 15_000,
    );
    try {
      await writeFile(registry.configPath, registry.config());
      await registry.launch();
    } catch (error) {
      await registry.stop();
      throw error;
    }
    return registry;
  }

  /** `127.0.0.1:<port>`: the registry part of an image reference. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  get url(): string {
    return `http://${this.host}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  private get configPath(): string {
    return join(this.dir, 'config.yml');
  }

  /** Stops the process and keeps the storage, so `launch()` can bring the same registry back. */
  async halt(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    await stopProcessGroup(child);
  }

  /** Starts the process (again) and waits until `GET /v2/` answers. */
  async launch(): Promise<void> {
    this.output = '';
    const child = spawnProcessGroup(this.binary.path, ['serve', this.configPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const collect = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-8_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    let spawnError: Error | undefined;
    child.once('error', (error) => (spawnError = error));

    const deadline = Date.now() + this.startTimeoutMs;
    while (Date.now() < deadline) {
      if (spawnError) return this.failStart(`could not start: ${spawnError.message}`);
      if (!this.running) return this.failStart(`exited before it was ready (code ${child.exitCode})`);
      if (await this.answers()) return;
      await sleep(50);
    }
    return this.failStart(`not ready after ${this.startTimeoutMs} ms`);
  }

  /** Kills the process and removes its storage and config. Safe to call twice. */
  async stop(): Promise<void> {
    await this.halt();
    await rm(this.dir, { recursive: true, force: true });
  }

  private async answers(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/v2/`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      return response.status === 200;
    } catch {
      return false;
    }
  }

  private async failStart(why: string): Promise<never> {
    await this.halt();
    throw new Error(
      `registry ${this.binary.version} (${this.binary.path}) on port ${this.port}: ${why}\n${this.output.trim()}`,
    );
  }

  private config(): string {
    return [
      'version: 0.1',
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${JSON.stringify(join(this.dir, 'storage'))}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${this.port}`,
      '',
    ].join('\n');
  }
}
