import { pinoLoki } from 'pino-loki';
import { LokiPushWatch } from './loki-push-watch';
import type { LogSink } from './log-sink';

export interface LokiSinkOptions {
  /** Loki's base URL (`LOKI_URL`), e.g. `http://loki:3100`. */
  url: string;
  /** Static stream labels added to `driver` and `level` (keep them few and low-cardinality). */
  labels?: Record<string, string>;
  /** Per-push HTTP timeout. */
  timeoutMs?: number;
  basicAuth?: { username: string; password: string };
  headers?: Record<string, string>;
}

/** pino-loki's batching buffer must never drop on its own: our queue decides and counts. */
const UNBOUNDED = 0;
/** pino-loki must not push on its own timer: each batch is pushed when its stream ends. */
const NO_TIMER_SECONDS = 24 * 60 * 60;

/**
 * Grafana Loki through pino-loki (`POST /loki/api/v1/push`). Each batch of pino lines goes to a
 * fresh pino-loki stream that is ended at once, so there is exactly one push in flight and its end
 * is awaited: a slow Loki backs the queue up (and it drops, counted) instead of piling up requests.
 * Stream labels are `driver`, `level`, `hostname` and the static ones; the run id stays in the line.
 */
export class LokiLogSink implements LogSink<string> {
  readonly name = 'loki';
  private readonly watch: LokiPushWatch;

  constructor(private readonly options: LokiSinkOptions & { timeoutMs: number }) {
    this.watch = new LokiPushWatch(new URL('loki/api/v1/push', withSlash(options.url)).href);
  }

  async deliver(batch: readonly string[]): Promise<number> {
    const accepted = await this.watch.watch(() => this.push(batch));
    return accepted ? 0 : batch.length;
  }

  private push(batch: readonly string[]): Promise<void> {
    const { url, labels, timeoutMs, basicAuth, headers } = this.options;
    const stream = pinoLoki({
      host: withSlash(url),
      timeout: timeoutMs,
      silenceErrors: true,
      batching: { interval: NO_TIMER_SECONDS, maxBufferSize: UNBOUNDED },
      labels,
      propsToLabels: ['driver'],
      structuredMetaKey: false,
      basicAuth,
      headers,
    });
    return new Promise((resolve) => {
      stream.once('close', () => resolve());
      stream.on('error', () => resolve());
      stream.end(batch.join(''));
    });
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
