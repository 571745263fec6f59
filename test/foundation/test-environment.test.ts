import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, nanos, type NatsConnection } from 'nats';
import { NatsServerProcess, startTestEnvironment, type TestEnvironment } from '@conveyor-ts/core/testing';

jest.setTimeout(30_000);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startTestEnvironment', () => {
  let env: TestEnvironment;
  let nc: NatsConnection;

  beforeAll(async () => {
    env = await startTestEnvironment();
    nc = await connect({ servers: env.url });
  });

  afterAll(async () => {
    await nc?.close();
    await env?.stop();
  });

  it('serves JetStream on a loopback URL with a server of at least 2.10', () => {
    expect(env.url).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
    const [major, minor] = nc.info!.version.split('.').map(Number);
    expect(major * 100 + minor).toBeGreaterThanOrEqual(210);
    expect(nc.info!.jetstream).toBe(true);
  });

  it('creates the three streams exactly as the Conveyor server does', async () => {
    const jsm = await nc.jetstreamManager();
    const streams = await jsm.streams.list().next();
    const byName = Object.fromEntries(streams.map((s) => [s.config.name, s.config]));
    expect(Object.keys(byName).sort()).toEqual(['logs-engine', 'messages', 'pipeline-engine']);
    const expected = {
      messages: [['resources.>', 'events.>', 'drivers.>'], 'interest'],
      'pipeline-engine': [['pipelines.>'], 'workqueue'],
      'logs-engine': [['logs.>'], 'workqueue'],
    } as const;
    for (const [name, [subjects, retention]] of Object.entries(expected)) {
      const config = byName[name];
      expect(config.subjects).toEqual(subjects);
      expect(config.retention).toBe(retention);
      expect(config.storage).toBe('file');
      expect(config.num_replicas).toBe(1);
      expect(config.discard).toBe('old');
      expect(config.duplicate_window).toBe(nanos(120_000));
      expect(config.max_age).toBe(0);
      expect(config.max_msgs).toBe(-1);
      expect(config.max_bytes).toBe(-1);
    }
  });

  it('keeps its streams and messages across a restart on the same port and store', async () => {
    const js = nc.jetstream();
    await js.publish('pipelines.driver.result', new TextEncoder().encode('{}'));
    await env.restart();
    const after = await connect({ servers: env.url });
    try {
      const info = await (await after.jetstreamManager()).streams.info('pipeline-engine');
      expect(info.state.messages).toBe(1);
    } finally {
      await after.close();
    }
  });
});

describe('test environment lifecycle and failures', () => {
  it('stop leaves no process and no store folder behind, and is safe to call twice', async () => {
    const env = await startTestEnvironment();
    const pid = env.server.pid!;
    const store = env.server.storeDir;
    expect(isAlive(pid)).toBe(true);
    expect(existsSync(store)).toBe(true);
    await env.stop();
    await env.stop();
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(store)).toBe(false);
  });

  it('reports a port clash clearly', async () => {
    const first = await NatsServerProcess.start();
    try {
      await expect(NatsServerProcess.start({ port: first.port })).rejects.toThrow(
        new RegExp(`port ${first.port} is already in use`),
      );
    } finally {
      await first.stop();
    }
  });

  it('reports a missing binary with what to do', async () => {
    await expect(startTestEnvironment({ binary: '/nonexistent/nats-server' })).rejects.toThrow(
      /not found or not runnable at "\/nonexistent\/nats-server".*provision:nats/,
    );
  });

  it('refuses a server older than 2.10', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fake-nats-'));
    const fake = join(dir, 'nats-server');
    await writeFile(fake, '#!/bin/sh\necho "nats-server: v2.9.25"\n');
    await chmod(fake, 0o755);
    try {
      await expect(startTestEnvironment({ binary: fake })).rejects.toThrow(/is 2\.9\.25, older than 2\.10/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('can start without the streams, to test their absence', async () => {
    const env = await startTestEnvironment({ streams: false });
    const nc = await connect({ servers: env.url });
    try {
      const streams = await (await nc.jetstreamManager()).streams.names().next();
      expect(streams).toEqual([]);
    } finally {
      await nc.close();
      await env.stop();
    }
  });
});
