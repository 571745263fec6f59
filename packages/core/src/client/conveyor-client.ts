import { resolveConfig } from '../config/conveyor-config';
import { DEFAULT_API_TIMEOUT_MS } from '../constants';
import type { LogEntry } from '../protocol/model/log-entry';
import type { Pipeline } from '../protocol/model/pipeline';
import type { Resource } from '../protocol/model/resource';
import type { ResourceDefinition } from '../protocol/model/resource-definition';
import { ApiHttp, type ApiRequest } from './api-http';
import { ConveyorApiError } from './conveyor-api-error';
import type { CreateResourceResponse, HealthStatus, LogQuery } from './api-types';
import type { CallOptions } from './call-options';
import { followLogs } from './follow-logs';
import type { FollowLogsOptions } from './follow-logs-options';
import type { DriverConsumerInfo } from './driver-consumer-info';
import type { CertificateSource } from './certificate-identity';
import { certificateJwtAuthorizer } from './certificate-jwt';
import type { RequestAuthorizer } from './request-authorizer';
import type { RunQuery, RunRecord } from './run-record';

export interface ConveyorClientOptions {
  /** Base URL of the API; otherwise `CONVEYOR_API_URL`, `CONVEYOR_SERVER_HOST`/`_PORT`, then the default. */
  apiUrl?: string;
  /** Per-call timeout (default 30 s); for log streams it bounds only the wait for headers. */
  timeoutMs?: number;
  /**
   * The identity for a server with auth on: a certificate-bound JWT is signed for every request
   * (protocol §6.1). Defaults to `CONVEYOR_TLS_CERT` and `CONVEYOR_TLS_KEY` when they are set.
   */
  certificate?: CertificateSource & { ttlMs?: number };
  /** Adds credentials to every request instead (replaces `certificate`). */
  authorize?: RequestAuthorizer;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Environment to read the URL from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** A fetch implementation (default Node's global fetch). */
  fetch?: typeof fetch;
}

const segment = encodeURIComponent;

/**
 * A typed client for the Conveyor API (protocol §5). Every failure is a `ConveyorApiError` (the server
 * answered with an error status) or a `ConveyorConnectionError` (no answer).
 */
export class ConveyorClient {
  readonly apiUrl: string;
  private readonly http: ApiHttp;

  constructor(options: ConveyorClientOptions = {}) {
    const config = resolveConfig({ apiUrl: options.apiUrl }, options.env ?? process.env);
    this.apiUrl = config.apiUrl;
    const certificate = options.certificate ?? config.tls;
    this.http = new ApiHttp({
      baseUrl: this.apiUrl,
      timeoutMs: options.timeoutMs ?? DEFAULT_API_TIMEOUT_MS,
      authorize: options.authorize ?? (certificate ? certificateJwtAuthorizer(certificate) : undefined),
      headers: options.headers,
      fetch: options.fetch,
    });
  }

  /** Creates a resource and starts its run: through its pipeline, or broadcast to its type's drivers. */
  createResource(resource: Resource, options?: CallOptions): Promise<CreateResourceResponse> {
    return this.json({ method: 'POST', path: '/resources', body: resource, ...options });
  }

  getResource(type: string, name: string, options?: CallOptions): Promise<Resource> {
    return this.json({ method: 'GET', path: `/resources/${segment(type)}/${segment(name)}`, ...options });
  }

  /**
   * Replaces the resource at `/resources/<resource.resource>/<resource.name>` and bumps its version.
   * The server stores the body's metadata as sent and starts no run (protocol §5).
   */
  updateResource(resource: Resource, options?: CallOptions): Promise<Resource> {
    const path = `/resources/${segment(resource.resource)}/${segment(resource.name)}`;
    return this.json({ method: 'PUT', path, body: resource, ...options });
  }

  /** Deletes a resource; versions stay readable. The server answers 204 even for unknown names. */
  async deleteResource(type: string, name: string, options?: CallOptions): Promise<void> {
    await this.http.send({
      method: 'DELETE',
      path: `/resources/${segment(type)}/${segment(name)}`,
      ...options,
    });
  }

  getResourceVersion(
    type: string,
    name: string,
    version: string | number,
    options?: CallOptions,
  ): Promise<Resource> {
    const path = `/resources/${segment(type)}/${segment(name)}/${segment(String(version))}`;
    return this.json({ method: 'GET', path, ...options });
  }

  createResourceDefinition(
    definition: ResourceDefinition,
    options?: CallOptions,
  ): Promise<ResourceDefinition> {
    return this.json({ method: 'POST', path: '/resource-definitions', body: definition, ...options });
  }

  /** Creates the definition, or replaces the one with the same name. */
  applyResourceDefinition(
    definition: ResourceDefinition,
    options?: CallOptions,
  ): Promise<ResourceDefinition> {
    return this.json({ method: 'POST', path: '/resource-definitions/apply', body: definition, ...options });
  }

  getResourceDefinition(name: string, options?: CallOptions): Promise<ResourceDefinition> {
    return this.json({ method: 'GET', path: `/resource-definitions/${segment(name)}`, ...options });
  }

  /** Replaces the definition stored under `name` (default: the body's name). */
  updateResourceDefinition(
    definition: ResourceDefinition,
    options?: CallOptions & { name?: string },
  ): Promise<ResourceDefinition> {
    const path = `/resource-definitions/${segment(options?.name ?? definition.name)}`;
    return this.json({ method: 'PUT', path, body: definition, ...options });
  }

  async deleteResourceDefinition(name: string, options?: CallOptions): Promise<void> {
    await this.http.send({ method: 'DELETE', path: `/resource-definitions/${segment(name)}`, ...options });
  }

  /** Creates a pipeline; the server silently replaces one with the same name. */
  createPipeline(pipeline: Pipeline, options?: CallOptions): Promise<Pipeline> {
    return this.json({ method: 'POST', path: '/pipelines', body: pipeline, ...options });
  }

  /**
   * One pipeline. In the server's swagger file but not routed by the Go server (it answers 404); the
   * local control plane serves it.
   */
  getPipeline(name: string, options?: CallOptions): Promise<Pipeline> {
    return this.json({ method: 'GET', path: `/pipelines/${segment(name)}`, ...options });
  }

  /** Deletes a pipeline. Local control plane only: the Go server routes no `DELETE /pipelines/{name}`. */
  async deletePipeline(name: string, options?: CallOptions): Promise<void> {
    await this.http.send({ method: 'DELETE', path: `/pipelines/${segment(name)}`, ...options });
  }

  /** Stored log entries; with no filter, every entry the server has. */
  queryLogs(query: LogQuery = {}, options?: CallOptions): Promise<LogEntry[]> {
    return this.json({ method: 'GET', path: '/logs', query: { ...query }, ...options });
  }

  /** Stores one log entry (the route drivers of old servers used; runtimes publish on `logs.<runid>`). */
  async createLog(entry: LogEntry, options?: CallOptions): Promise<void> {
    await this.http.send({ method: 'POST', path: '/logs', body: entry, ...options });
  }

  /**
   * Every log entry of a run, from all its drivers: the stored ones first, then live ones as they come,
   * over SSE (default) or a WebSocket, optionally reconnecting without duplicates or gaps. The server
   * never ends the stream; stop with `break` or the signal.
   */
  followRunLogs(runId: string, options?: FollowLogsOptions): AsyncGenerator<LogEntry> {
    return followLogs(this.http, { path: `/logs/pipeline/${segment(runId)}`, runid: runId }, options);
  }

  /** Like `followRunLogs`, for one driver's part of the run. */
  followDriverLogs(driver: string, runId: string, options?: FollowLogsOptions): AsyncGenerator<LogEntry> {
    const path = `/logs/streams/${segment(driver)}/${segment(runId)}`;
    return followLogs(this.http, { path, runid: runId, driver }, options);
  }

  /** `GET /health`; served by the standalone server and the local control plane. */
  health(options?: CallOptions): Promise<HealthStatus> {
    return this.json({ method: 'GET', path: '/health', ...options });
  }

  /** Runs with their per-step status, newest first. Local control plane only (a Go server answers 404). */
  listRuns(query: RunQuery = {}, options?: CallOptions): Promise<RunRecord[]> {
    return this.json({ method: 'GET', path: '/runs', query: { ...query }, ...options });
  }

  /** The driver consumers of the `messages` stream. Local control plane only. */
  listDriverConsumers(options?: CallOptions): Promise<DriverConsumerInfo[]> {
    return this.json({ method: 'GET', path: '/drivers', ...options });
  }

  /** One run with its per-step status. Local control plane only. */
  getRun(runId: string, options?: CallOptions): Promise<RunRecord> {
    return this.json({ method: 'GET', path: `/runs/${segment(runId)}`, ...options });
  }

  private async json<T>(request: ApiRequest): Promise<T> {
    const { status, text } = await this.http.send(request);
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      const route = { method: request.method, path: request.path };
      throw new ConveyorApiError(status, `the answer is not JSON: ${text.slice(0, 200)}`, route, text);
    }
  }
}
