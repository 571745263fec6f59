import { DEFAULT_API_PORT, DEFAULT_API_URL, DEFAULT_NATS_URL } from '../constants';
import { ConfigError } from './config-error';
import { parsePort, parseUrl } from './parse-url';
import { describePemText, isPemText } from './pem-text';

/** Where the Conveyor API, NATS and (optionally) Grafana Loki are. */
export interface ConveyorConfig {
  /** Base URL of the Conveyor API server, without a trailing slash. */
  apiUrl: string;
  /** One or more NATS server URLs (a cluster). */
  natsServers: string[];
  /** Grafana Loki base URL; the Loki log sink is on only when this is set. */
  lokiUrl?: string;
  /** The client identity for a server with auth on: NATS mutual TLS and the API's JWT (§6). */
  tls?: TlsFiles;
  /** Port of the driver process's `/metrics`, `/healthz` and `/readyz` (`CONVEYOR_MONITORING_PORT`). */
  monitoringPort?: number;
}

/** PEM files, as the server's `tls.cert`, `tls.key` and `tls.ca` (one identity for NATS and the API). */
export interface TlsFiles {
  /** Client certificate chain, leaf first; it needs both serverAuth and clientAuth usages (or none). */
  certFile: string;
  keyFile: string;
  /** The Conveyor CA, to verify the NATS server. */
  caFile: string;
}

export interface ConveyorConfigOptions {
  apiUrl?: string;
  /** A URL, a comma-separated list, or an array. */
  natsUrl?: string | readonly string[];
  lokiUrl?: string;
  tls?: TlsFiles;
}

type Env = Record<string, string | undefined>;

const API_SCHEMES = ['http', 'https'];
const NATS_SCHEMES = ['nats', 'tls', 'ws', 'wss'];

/**
 * Resolves the configuration: explicit options first, then environment variables, then defaults.
 * Every invalid value throws a `ConfigError` naming the option or variable it came from.
 */
export function resolveConfig(options: ConveyorConfigOptions = {}, env: Env = process.env): ConveyorConfig {
  const lokiSource = options.lokiUrl !== undefined ? 'option lokiUrl' : 'LOKI_URL';
  const loki = options.lokiUrl ?? nonEmpty(env.LOKI_URL);
  return {
    apiUrl: resolveApiUrl(options, env),
    natsServers: resolveNatsServers(options, env),
    ...(loki ? { lokiUrl: parseUrl(lokiSource, loki, API_SCHEMES) } : {}),
    ...resolveTls(options, env),
    ...resolveMonitoringPort(env),
  };
}

/** All three files or none: half an identity would fail later, at the server, less clearly. */
function resolveTls(options: ConveyorConfigOptions, env: Env): { tls?: TlsFiles } {
  if (options.tls) {
    for (const [field, value] of Object.entries(options.tls)) {
      if (!nonEmpty(value))
        throw new ConfigError(`option tls.${field}`, String(value), 'must name a PEM file');
      refusePemText(`option tls.${field}`, value);
    }
    return { tls: options.tls };
  }
  const variables = ['CONVEYOR_TLS_CERT', 'CONVEYOR_TLS_KEY', 'CONVEYOR_TLS_CA'] as const;
  const [certFile, keyFile, caFile] = variables.map((name) => nonEmpty(env[name]));
  const set = variables.filter((name) => nonEmpty(env[name]));
  if (set.length === 0) return {};
  if (!certFile || !keyFile || !caFile) {
    const missing = variables.filter((name) => !set.includes(name));
    throw new ConfigError(
      missing[0],
      '',
      `is not set while ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'}: auth needs the certificate, its key and the CA`,
    );
  }
  variables.forEach((name, i) => refusePemText(name, [certFile, keyFile, caFile][i]));
  return { tls: { certFile, keyFile, caFile } };
}

/** A PEM pasted where a path belongs: refused without echoing it (a private key must not reach logs). */
function refusePemText(source: string, value: string): void {
  if (!isPemText(value)) return;
  throw new ConfigError(
    source,
    describePemText(value),
    'holds PEM text, not a file path: write it to a file and set the path instead',
  );
}

function resolveMonitoringPort(env: Env): { monitoringPort?: number } {
  const port = nonEmpty(env.CONVEYOR_MONITORING_PORT);
  return port === undefined ? {} : { monitoringPort: parsePort('CONVEYOR_MONITORING_PORT', port) };
}

function resolveApiUrl(options: ConveyorConfigOptions, env: Env): string {
  if (options.apiUrl !== undefined) return parseUrl('option apiUrl', options.apiUrl, API_SCHEMES);
  const apiUrl = nonEmpty(env.CONVEYOR_API_URL);
  if (apiUrl) return parseUrl('CONVEYOR_API_URL', apiUrl, API_SCHEMES);

  const host = nonEmpty(env.CONVEYOR_SERVER_HOST);
  const portText = nonEmpty(env.CONVEYOR_SERVER_PORT);
  const port = portText === undefined ? undefined : parsePort('CONVEYOR_SERVER_PORT', portText);
  if (host?.includes('://')) {
    // Servers v0.1.20 to v0.2.x put a full URL in CONVEYOR_SERVER_HOST (protocol §1).
    const base = new URL(parseUrl('CONVEYOR_SERVER_HOST', host, API_SCHEMES));
    if (port !== undefined) base.port = String(port);
    return base.toString().replace(/\/+$/, '');
  }
  if (host !== undefined || port !== undefined) {
    const url = `http://${host ?? 'localhost'}:${port ?? DEFAULT_API_PORT}`;
    return parseUrl('CONVEYOR_SERVER_HOST', url, API_SCHEMES);
  }
  return DEFAULT_API_URL;
}

function resolveNatsServers(options: ConveyorConfigOptions, env: Env): string[] {
  const [source, value] =
    options.natsUrl !== undefined
      ? ['option natsUrl', options.natsUrl]
      : env.CONVEYOR_NATS_URL
        ? ['CONVEYOR_NATS_URL', env.CONVEYOR_NATS_URL]
        : env.NATS_URL
          ? ['NATS_URL', env.NATS_URL]
          : ['default', DEFAULT_NATS_URL];
  const list = (typeof value === 'string' ? value.split(',') : [...value])
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) throw new ConfigError(source, String(value), 'lists no NATS server URL');
  return list.map((url) => parseUrl(source, url, NATS_SCHEMES));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
