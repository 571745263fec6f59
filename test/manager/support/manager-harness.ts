import { DriverManager, type DriverDefinition, type DriverManagerOptions } from '@conveyor-ts/core';
import {
  DriverMessagePublisher,
  ResultCollector,
  startTestEnvironment,
  type TestEnvironment,
  type TestEnvironmentOptions,
} from '@conveyor-ts/core/testing';
import { captureLogs, type CapturedLine } from './capture-logs';

let counter = 0;
/** A name unique in this run, so tests sharing a server never see each other's messages. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/** One nats-server per test file, plus a publisher, a result reader and managers stopped after each test. */
export class ManagerHarness {
  env!: TestEnvironment;
  publisher!: DriverMessagePublisher;
  results!: ResultCollector;
  private managers: DriverManager[] = [];

  async setUp(options?: TestEnvironmentOptions): Promise<void> {
    this.env = await startTestEnvironment(options);
    // A server started with TLS takes clients with the same identity only.
    this.publisher = await DriverMessagePublisher.connect(this.env.url, { tls: options?.tls });
    this.results = await ResultCollector.connect(this.env.url, { tls: options?.tls });
  }

  async tearDown(): Promise<void> {
    await this.stopManagers();
    await this.publisher?.close();
    await this.results?.close();
    await this.env?.stop();
  }

  /** Where managers connect: the one server here; every node's URL in a cluster harness. */
  protected get natsUrls(): string | string[] {
    return this.env.url;
  }

  async stopManagers(): Promise<void> {
    await Promise.all(this.managers.map((m) => m.stop()));
    this.managers = [];
  }

  /** A started manager for these drivers, logs captured, signals untouched. */
  async start(
    drivers: DriverDefinition[],
    options: DriverManagerOptions = {},
  ): Promise<{ manager: DriverManager; logs: CapturedLine[] }> {
    const { pipeline, lines } = captureLogs();
    const manager = new DriverManager({
      config: { natsUrl: this.natsUrls },
      handleSignals: false,
      logPipeline: () => pipeline,
      ...options,
    });
    for (const driver of drivers) manager.register(driver);
    this.managers.push(manager);
    await manager.start();
    return { manager, logs: lines };
  }

  /** Results stored for messages of this run id. */
  async resultsFor(runId: string) {
    return (await this.results.results()).filter((r) => r.event.run_id === runId);
  }

  async waitForResultsOf(runIds: string[], timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const all = (await this.results.results()).filter((r) => runIds.includes(r.event.run_id));
      if (new Set(all.map((r) => r.event.run_id)).size >= runIds.length) return all;
      if (Date.now() > deadline)
        throw new Error(
          `results for ${runIds.length} runs not stored within ${timeoutMs} ms (got ${all.length})`,
        );
      await sleep(50);
    }
  }

  async consumerInfo(driver: string) {
    const jsm = await this.publisher.connection.jetstreamManager();
    return jsm.consumers.info('messages', driver);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once `check` is true; rejects naming `what` after `timeoutMs`. */
export async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
