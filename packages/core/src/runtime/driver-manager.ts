import { resolveConfig, type ConveyorConfigOptions } from '../config/conveyor-config';
import {
  DEFAULT_JETSTREAM_WAIT_MS,
  DEFAULT_MONITORING_HOST,
  DEFAULT_PULL_EXPIRES_MS,
  DEFAULT_PULL_HEARTBEAT_MS,
  DEFAULT_SHUTDOWN_GRACE_MS,
} from '../constants';
import { createLogPipeline } from '../logging/create-log-pipeline';
import type { LogPipelineOptions } from '../logging/log-pipeline-options';
import type { LogPipeline } from '../logging/log-pipeline';
import { DriverMetrics, type DriverMetricsOptions } from '../monitoring/driver-metrics';
import { MonitoringServer } from '../monitoring/monitoring-server';
import type { NatsConnectOptions } from '../nats/connection';
import { openDriverTransports, type DriverTransports } from '../nats/driver-transports';
import type { NatsTransport } from '../nats/transport';
import type { DriverDefinition } from './driver-definition';
import type { DriverOptions } from './driver-options';
import { DriverRunner } from './driver-runner';
import { LifecycleEmitter, type DriverManagerEvents } from './lifecycle-events';
import { resolveDriverOptions } from './resolve-driver-options';
import { onShutdownSignal } from './shutdown-signals';
import { validateDriverDefinition } from './validate-driver';
import { describeThrown } from '../errors/describe-thrown';
import { warnUndefinedResources } from './warn-undefined-resources';

export interface DriverManagerOptions {
  config?: ConveyorConfigOptions;
  connection?: Omit<NatsConnectOptions, 'servers'>;
  logging?: LogPipelineOptions;
  /** Defaults for every registered driver; a driver's own options win. */
  defaults?: DriverOptions;
  /** SIGTERM/SIGINT -> graceful `stop()`, then exit (default true). */
  handleSignals?: boolean;
  /** How long in-flight reconciles may finish on shutdown before they are aborted and nak'ed. */
  shutdownGraceMs?: number;
  /** Builds the log pipeline (default `createLogPipeline`) on the run-log connection; for custom sinks and tests. */
  logPipeline?: (transport: NatsTransport, options: LogPipelineOptions) => LogPipeline;
  /**
   * Serve `/metrics` (Prometheus), `/healthz` and `/readyz` on this port (0 picks a free one); also
   * `CONVEYOR_MONITORING_PORT`. Off by default.
   */
  monitoring?: { port?: number; host?: string };
  /** Where the metrics are kept (`registry`: join your app's prom-client registry) and whether process metrics join them. */
  metrics?: DriverMetricsOptions;
  /**
   * At start, warn about resource types the drivers listen to that the API has no definition for
   * (`conveyor run` turns it on). Off by default: the API URL may be a guess (the default one).
   */
  checkResourceDefinitions?: boolean;
  /**
   * How long `start()` waits for JetStream to answer (a cluster without quorum does not) before it
   * fails; `Infinity` waits for ever. Default 5 minutes.
   */
  jetStreamWaitMs?: number;
  /** Pull request timing: what noticing a consumer leader move costs (docs/deployment.md). */
  pull?: { expiresMs?: number; heartbeatMs?: number };
}

type State = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped';

/**
 * Runs drivers: two NATS connections per process (the work, and run logs), one durable consumer per
 * driver, concurrent reconciles with retries, results confirmed before acks, and a graceful shutdown.
 */
export class DriverManager {
  private readonly registered: DriverDefinition[] = [];
  private readonly emitter: LifecycleEmitter;
  private readonly runners: DriverRunner[] = [];
  private state: State = 'idle';
  private transports?: DriverTransports;
  private logs?: LogPipeline;
  private stopping?: Promise<void>;
  /** What `start()` is doing; a `stop()` during it waits for it to unwind, then shuts down. */
  private startup?: Promise<void>;
  private stopRequested = false;
  private cleanups: Array<() => void> = [];
  private readonly metrics: DriverMetrics;
  private monitoring?: MonitoringServer;

  constructor(private readonly options: DriverManagerOptions = {}) {
    this.emitter = new LifecycleEmitter((event, error) =>
      this.logs?.process.error(`A "${event}" listener threw: ${describeThrown(error)}`),
    );
    this.metrics = new DriverMetrics(this.emitter, options.metrics);
  }

  /** Prometheus text of this process's metrics registry (also served on `/metrics` with `monitoring`). */
  metricsText(): Promise<string> {
    return this.metrics.render();
  }

  /** The prom-client registry holding the framework's metrics. */
  get metricsRegistry(): DriverMetrics['registry'] {
    return this.metrics.registry;
  }

  /** Where `/metrics`, `/healthz` and `/readyz` are served, once started with monitoring on. */
  get monitoringUrl(): string | undefined {
    return this.monitoring?.url;
  }

  get drivers(): readonly DriverDefinition[] {
    return this.registered;
  }

  /** Adds a driver; throws on an invalid definition, bad options or a duplicate name. */
  register(driver: DriverDefinition): this {
    if (this.state !== 'idle') throw new Error('Drivers must be registered before start()');
    validateDriverDefinition(driver);
    if (this.registered.some((d) => d.name === driver.name)) {
      throw new TypeError(`A driver named "${driver.name}" is already registered`);
    }
    resolveDriverOptions(driver.name, driver.options, this.options.defaults);
    this.registered.push(driver);
    return this;
  }

  on<E extends keyof DriverManagerEvents>(event: E, listener: DriverManagerEvents[E]): this {
    this.emitter.on(event, listener);
    return this;
  }

  off<E extends keyof DriverManagerEvents>(event: E, listener: DriverManagerEvents[E]): this {
    this.emitter.off(event, listener);
    return this;
  }

  /**
   * Connects, provisions one consumer per driver and starts consuming. Rejects (and cleans up) on
   * failure, and when `stop()` is called before it finished.
   */
  async start(): Promise<void> {
    if (this.state !== 'idle') throw new Error(`DriverManager.start() called while ${this.state}`);
    if (this.registered.length === 0) throw new Error('Register at least one driver before start()');
    this.state = 'starting';
    this.startup = this.startUp();
    try {
      await this.startup;
    } catch (error) {
      // A stop() during start already chained its shutdown after the startup; otherwise clean up here.
      this.stopping ??= this.shutdown();
      await this.stopping.catch(() => undefined);
      throw this.stopRequested
        ? new Error('DriverManager.stop() was called before start() finished', { cause: error })
        : error;
    }
  }

  /** Each step checks for a stop() that came while it waited: what it opened is closed by the shutdown. */
  private async startUp(): Promise<void> {
    const unlessStopped = () => {
      if (this.stopRequested) throw new Error('stopped while starting');
    };
    const config = resolveConfig(this.options.config);
    const monitoringPort = this.options.monitoring?.port ?? config.monitoringPort;
    if (monitoringPort !== undefined) {
      // Up before NATS, so liveness answers while the first connection is still being made.
      this.monitoring = await MonitoringServer.start({
        port: monitoringPort,
        host: this.options.monitoring?.host ?? DEFAULT_MONITORING_HOST,
        metrics: async () => ({ text: await this.metrics.render(), contentType: this.metrics.contentType }),
        notReady: () =>
          this.state !== 'running'
            ? `driver manager is ${this.state}`
            : this.metrics.connected
              ? undefined
              : 'NATS connection is down',
      });
      unlessStopped();
    }
    this.transports = await openDriverTransports({
      ...this.options.connection,
      // A server with auth on requires mutual TLS with the configured identity (protocol §6.2).
      tls: this.options.connection?.tls ?? config.tls,
      servers: config.natsServers,
    });
    unlessStopped();
    const { work } = this.transports;
    work.watchStatus((status) => this.emitter.emit('connection.status', status));
    this.emitter.emit('connection.status', { status: 'connected', server: work.server });
    const build = this.options.logPipeline ?? createLogPipeline;
    const logs = build(this.transports.logs, this.options.logging ?? {});
    this.logs = logs;
    this.transports.logs.watchStatus(({ status }) => {
      if (status !== 'closed') logs.process.warn(`NATS connection for run logs: ${status}`);
    });
    const consuming = {
      jetStreamWaitMs: this.options.jetStreamWaitMs ?? DEFAULT_JETSTREAM_WAIT_MS,
      pull: {
        expiresMs: this.options.pull?.expiresMs ?? DEFAULT_PULL_EXPIRES_MS,
        heartbeatMs: this.options.pull?.heartbeatMs ?? DEFAULT_PULL_HEARTBEAT_MS,
      },
    };
    this.cleanups.push(logs.onDrop((sink, count) => this.emitter.emit('logs.dropped', { sink, count })));
    for (const driver of this.registered) {
      const options = resolveDriverOptions(driver.name, driver.options, this.options.defaults);
      const runner = new DriverRunner(driver, options, work, logs, this.emitter, consuming);
      this.runners.push(runner);
      await runner.start();
      unlessStopped();
    }
    if (this.options.handleSignals !== false) this.cleanups.push(onShutdownSignal(() => this.stop()));
    this.state = 'running';
    logs.process.info(`Driver manager started: ${this.registered.map((d) => d.name).join(', ')}`);
    // In the background: a slow or absent API must not delay consuming.
    if (this.options.checkResourceDefinitions)
      void warnUndefinedResources(this.registered, config, logs.process).catch(() => undefined);
  }

  /**
   * Graceful shutdown: stop pulling, let in-flight reconciles finish within the grace period, then
   * abort and nak them, flush logs, drain the connection. Idempotent; a second call gets the same promise.
   */
  stop(): Promise<void> {
    if (this.state === 'idle') {
      this.state = 'stopped';
      return Promise.resolve();
    }
    if (this.state === 'starting' && !this.stopRequested) {
      this.stopRequested = true;
      // Closing the connections ends a wait for JetStream (up to jetStreamWaitMs) at once.
      void this.transports?.close();
      const startup = this.startup!.catch(() => undefined);
      this.stopping = startup.then(() => this.shutdown());
    }
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    this.state = 'stopping';
    const grace = this.options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
    await Promise.all(this.runners.map((runner) => runner.stop(grace)));
    for (const cleanup of this.cleanups) cleanup();
    await this.logs?.close().catch(() => undefined);
    await this.transports?.close();
    await this.monitoring?.stop();
    this.state = 'stopped';
  }
}
