import type { IncomingMessage } from 'node:http';
import { StreamNames, Subjects, type NatsConnectOptions, type TlsFiles } from '@conveyor-ts/core';
import { NatsServerProcess } from '@conveyor-ts/core/processes';
import {
  CONTROL_PLANE_DEFAULT_NATS_PORT,
  CONTROL_PLANE_DEFAULT_PORT,
  MAX_BODY_BYTES,
  STORED_BODY_ALLOWANCE_BYTES,
  CONTROL_PLANE_STALL_AFTER_MS,
} from './constants';
import { stderrLogger, type ControlPlaneLogger } from './control-plane-logger';
import { Dispatcher } from './engine/dispatcher';
import { PipelineEngine } from './engine/pipeline-engine';
import { ApiServer } from './http/api-server';
import { LogSocketServer } from './http/ws/log-socket-server';
import { authenticateWithCa } from './http/auth/authenticate-request';
import { definitionRoutes } from './http/routes/definition-routes';
import { driverRoutes } from './http/routes/driver-routes';
import { healthRoutes } from './http/routes/health-routes';
import { ApiMetrics } from './http/metrics/api-metrics';
import { logRoutes } from './http/routes/log-routes';
import { metricsRoutes } from './http/routes/metrics-routes';
import { pipelineRoutes } from './http/routes/pipeline-routes';
import { resourceRoutes } from './http/routes/resource-routes';
import { runRoutes } from './http/routes/run-routes';
import { uiRoutes } from './http/routes/ui-routes';
import { messageRoutes } from './http/routes/message-routes';
import { swaggerRoutes } from './http/routes/swagger-routes';
import { ingestLog } from './logs/log-ingest';
import { trackProgress } from './runs/track-progress';
import { TransportLiveLogSource } from './logs/transport-live-log-source';
import { openJetStreamBackend, type JetStreamBackend } from './nats/jetstream-backend';
import type { WorkQueueConsumer } from './nats/work-queue-consumer';
import { StallWatch } from './runs/stall-watch';
import type { Services } from './services';
import { SpecValidator } from './validation/spec-validator';

export interface ControlPlaneOptions {
  /** Use this NATS (URL or cluster list) instead of starting a nats-server. */
  natsUrl?: string | readonly string[];
  /** Credentials and TLS for `natsUrl`. */
  nats?: Omit<NatsConnectOptions, 'servers'>;
  /** API listen address (default 127.0.0.1). */
  host?: string;
  /** API port (default 8080, as the server; 0 picks a free one). */
  port?: number;
  /** Port of the nats-server started here (default 4222; 0 picks a free one). */
  natsPort?: number;
  /** JetStream store folder of the nats-server started here; kept across runs. Default: a temporary one. */
  dataDir?: string;
  /** Path of the nats-server binary (default: found like the test environment finds it). */
  natsServerBinary?: string;
  logger?: ControlPlaneLogger;
  /**
   * Auth on, as `api.auth_enabled` (protocol §6), with the server's `tls.cert`, `tls.key` and
   * `tls.ca`: the nats-server started here requires client certificates signed by the CA, the
   * control plane's own connection uses this identity, and every API route but `/health`,
   * `/swagger` and `/metrics` wants a certificate-bound JWT.
   */
  auth?: TlsFiles;
  /** A running step whose driver has no consumer this long is marked `stalled` (default 30 s). */
  stallAfterMs?: number;
}

/**
 * A local, Conveyor-compatible control plane: the HTTP API of protocol §5, the pipeline engine of §4
 * and the log store, all persisted in JetStream, plus run records at `/runs`.
 */
export class ControlPlane {
  private constructor(
    readonly apiUrl: string,
    readonly natsUrl: string,
    private readonly parts: {
      api: ApiServer;
      consumers: WorkQueueConsumer[];
      stallWatch: StallWatch;
      backend: JetStreamBackend;
      natsServer?: NatsServerProcess;
    },
  ) {}

  static async start(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
    const logger = options.logger ?? stderrLogger;
    const natsServer = options.natsUrl
      ? undefined
      : await NatsServerProcess.start({
          binary: options.natsServerBinary,
          port: options.natsPort === 0 ? undefined : (options.natsPort ?? CONTROL_PLANE_DEFAULT_NATS_PORT),
          storeDir: options.dataDir,
          tls: options.auth,
        });
    const servers = natsServer ? [natsServer.url] : toList(options.natsUrl ?? []);
    const stack: Array<() => Promise<void>> = natsServer ? [() => natsServer.stop()] : [];
    try {
      const backend = await openJetStreamBackend({ tls: options.auth, ...options.nats, servers });
      stack.unshift(() => backend.close());
      const services: Services = {
        ...backend,
        live: new TransportLiveLogSource(backend.transport),
        validator: new SpecValidator(),
        dispatcher: new Dispatcher(async (subject, data, msgId, headers) => {
          await backend.transport.publishDurable(subject, data, { msgId, headers });
        }),
        publishCore: (subject, data) => backend.transport.publish(subject, data),
        now: () => new Date().toISOString(),
      };
      const engine = new PipelineEngine({ ...services, warn: (m) => logger.warn(m) });
      const giveUp = (error: unknown, subject: string): void =>
        logger.error(`gave up on a message of ${subject} after repeated failures`, error);
      const consumers = [
        await backend.consume({
          stream: StreamNames.pipelineEngine,
          name: StreamNames.pipelineEngine,
          filterSubject: 'pipelines.>',
          handle: (data, subject, header) =>
            subject === Subjects.pipelineInit
              ? engine.handleInit(data, header)
              : engine.handleResult(data, header),
          onGiveUp: giveUp,
        }),
        await backend.consume({
          stream: StreamNames.logsEngine,
          name: StreamNames.logsEngine,
          filterSubject: Subjects.allLogs,
          handle: (data) =>
            ingestLog(
              backend.logs,
              data,
              (m) => logger.warn(m),
              (entry) => trackProgress(services, entry),
            ),
          onGiveUp: giveUp,
        }),
      ];
      stack.unshift(async () => {
        for (const consumer of consumers) await consumer.stop();
      });
      const metrics = new ApiMetrics();
      const warn = (message: string): void => logger.warn(message);
      const authenticate = options.auth && authenticateWithCa(options.auth.caFile);
      const onError = (error: unknown, req: IncomingMessage): void =>
        logger.error(`${req.method} ${req.url} failed`, error);
      const stallWatch = new StallWatch({
        runs: services.runs,
        driverConsumers: services.driverConsumers,
        stallAfterMs: options.stallAfterMs ?? CONTROL_PLANE_STALL_AFTER_MS,
        warn: (m) => logger.warn(m),
      });
      stallWatch.start();
      stack.unshift(() => stallWatch.stop());
      const api = await ApiServer.start({
        routes: [
          ...metricsRoutes(metrics),
          ...healthRoutes(),
          ...resourceRoutes(services),
          ...definitionRoutes(services),
          ...pipelineRoutes(services),
          ...logRoutes(services, warn),
          ...messageRoutes(services),
          ...runRoutes(services),
          ...uiRoutes(),
          ...swaggerRoutes(),
          ...driverRoutes(services),
        ],
        host: options.host ?? '127.0.0.1',
        port: options.port ?? CONTROL_PLANE_DEFAULT_PORT,
        bodyLimit: Math.min(MAX_BODY_BYTES, backend.maxPayload - STORED_BODY_ALLOWANCE_BYTES),
        onError,
        authenticate,
        metrics,
        upgrades: new LogSocketServer({ services, warn, authenticate, onError }),
      });
      logger.info(`API on ${api.url}, NATS on ${servers.join(',')}${options.auth ? ' (auth on)' : ''}`);
      return new ControlPlane(api.url, servers.join(','), {
        api,
        consumers,
        stallWatch,
        backend,
        natsServer,
      });
    } catch (error) {
      for (const undo of stack) await undo().catch(() => undefined);
      throw error;
    }
  }

  /** Stops the API, lets the engine settle the message in hand, closes NATS, and stops a nats-server started here. */
  async stop(): Promise<void> {
    await this.parts.api.stop();
    await this.parts.stallWatch.stop();
    for (const consumer of this.parts.consumers) await consumer.stop();
    await this.parts.backend.close();
    await this.parts.natsServer?.stop();
  }
}

function toList(urls: string | readonly string[]): string[] {
  return (typeof urls === 'string' ? urls.split(',') : [...urls]).map((u) => u.trim()).filter(Boolean);
}
