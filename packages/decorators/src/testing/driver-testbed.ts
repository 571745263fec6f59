import {
  NatsTransport,
  Subjects,
  decodeLogEntry,
  openNatsConnection,
  type LogEntry,
  type PipelineEvent,
  type Resource,
} from '@conveyor-ts/core';
import {
  DriverMessagePublisher,
  startTestEnvironment,
  type PublishedDriverMessage,
  type TestEnvironment,
} from '@conveyor-ts/core/testing';
import { ConveyorApplication } from '../application/conveyor-application';
import type { ConveyorApplicationOptions } from '../application/conveyor-application-options';
import { MessageCollector } from './message-collector';

export interface DriverTestbedOptions extends Omit<ConveyorApplicationOptions, 'handleSignals'> {
  /** A running test environment to use (default: a new one, stopped with the testbed). */
  environment?: TestEnvironment;
  /** How long `waitFor*` wait by default (default 20 s). */
  timeoutMs?: number;
}

export interface TestbedPublishOptions {
  /** Address the resource to this driver as a pipeline step (`drivers.<driver>.resources.<r>`). */
  driver?: string;
  /** `create` (default) or `process`. */
  event?: string;
  runId?: string;
  id?: string;
}

const utf8 = new TextDecoder();

/**
 * Decorated drivers running against a real nats-server with Conveyor's streams: publish resources
 * as the server and engine do, then await the results and logs the drivers publish.
 */
export class DriverTestbed {
  private constructor(
    readonly app: ConveyorApplication,
    readonly environment: TestEnvironment,
    private readonly ownsEnvironment: boolean,
    private readonly publisher: DriverMessagePublisher,
    private readonly transport: NatsTransport,
    private readonly resultCollector: MessageCollector<PipelineEvent>,
    private readonly logCollector: MessageCollector<LogEntry>,
    private readonly timeoutMs: number,
  ) {}

  static async start(options: DriverTestbedOptions = {}): Promise<DriverTestbed> {
    const { environment: given, timeoutMs = 20_000, ...appOptions } = options;
    const environment = given ?? (await startTestEnvironment());
    try {
      const app = ConveyorApplication.create({
        logging: { sinks: { stdout: false } },
        ...appOptions,
        config: { ...appOptions.config, natsUrl: environment.url },
        handleSignals: false,
      });
      const connection = await openNatsConnection({
        servers: [environment.url],
        name: 'conveyor-ts:driver-testbed',
      });
      const transport = new NatsTransport(connection);
      // Core subscriptions also see what is published to JetStream subjects, without consuming it.
      const results = new MessageCollector(transport.subscribe(Subjects.driverResult), (d) =>
        JSON.parse(utf8.decode(d)),
      );
      const logs = new MessageCollector(transport.subscribe(Subjects.allLogs), decodeLogEntry);
      await transport.flush();
      const publisher = await DriverMessagePublisher.connect(environment.url);
      const testbed = new DriverTestbed(
        app,
        environment,
        !given,
        publisher,
        transport,
        results,
        logs,
        timeoutMs,
      );
      await app.start();
      return testbed;
    } catch (error) {
      if (!given) await environment.stop();
      throw error;
    }
  }

  /**
   * Publishes a resource as the server does: broadcast on `resources.<r>`, or, with `driver`, as that
   * driver's pipeline step (the resource then carries a `pipeline`, `test-pipeline` unless given).
   */
  publish(
    resource: Partial<Resource> & { resource: string },
    options: TestbedPublishOptions = {},
  ): Promise<PublishedDriverMessage> {
    const pipeline = options.driver ? (resource.pipeline ?? 'test-pipeline') : resource.pipeline;
    return this.publisher.publish({
      ...options,
      resource: { name: 'test-resource', ...resource, ...(pipeline ? { pipeline } : {}) },
    });
  }

  /** Every `driver.result` event published so far. */
  get results(): readonly PipelineEvent[] {
    return this.resultCollector.items;
  }

  /** The result `driver` published for run `runId`. */
  async waitForResult(runId: string, driver: string, timeoutMs = this.timeoutMs): Promise<PipelineEvent> {
    const [result] = await this.resultCollector.waitFor(
      (e) => e.run_id === runId && e.driverresult?.driver === driver,
      (found) => found.length > 0,
      timeoutMs,
      `the result of driver "${driver}" for run ${runId}`,
    );
    return result;
  }

  /** Log entries stored for run `runId` (optionally of one driver), once at least `count` arrived. */
  waitForLogs(
    runId: string,
    options: { driver?: string; count?: number; timeoutMs?: number } = {},
  ): Promise<LogEntry[]> {
    const count = options.count ?? 1;
    return this.logCollector.waitFor(
      (e) => e.runid === runId && (options.driver === undefined || e.driver === options.driver),
      (found) => found.length >= count,
      options.timeoutMs ?? this.timeoutMs,
      `${count} log entries of run ${runId}${options.driver ? ` from driver "${options.driver}"` : ''}`,
    );
  }

  /** Stops the application gracefully, closes the connections and, if it started one, the environment. */
  async stop(): Promise<void> {
    await this.app.stop();
    await this.publisher.close();
    await this.transport.close();
    if (this.ownsEnvironment) await this.environment.stop();
  }
}
