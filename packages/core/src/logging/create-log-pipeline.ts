import { parseUrl } from '../config/parse-url';
import {
  LOG_DROP_REPORT_INTERVAL_MS,
  LOG_FLUSH_TIMEOUT_MS,
  LOG_PUBLISH_TIMEOUT_MS,
  LOG_SINK_BATCH_SIZE,
  LOG_SINK_QUEUE_CAPACITY,
  LOKI_BATCH_INTERVAL_MS,
  LOKI_PUSH_TIMEOUT_MS,
} from '../constants';
import type { NatsTransport } from '../nats/transport';
import type { RunLogBindings } from './driver-logger';
import type { LogPipeline, SinkStats } from './log-pipeline';
import { DEFAULT_REDACT_PATHS, type LogPipelineOptions, type SinkSwitch } from './log-pipeline-options';
import type { LogRecord } from './log-record';
import { CatchUpWait } from './queue/catch-up-wait';
import { DropReporter } from './queue/drop-reporter';
import { RunLogChannel } from './run-log-channel';
import { SinkQueue } from './queue/sink-queue';
import type { SinkQueueOptions } from './queue/sink-queue-options';
import { createRootLogger, toProcessLogger } from './root-logger';
import { LEVEL_VALUES, RunLogger } from './run-logger';
import { LivePublishSink } from './sinks/live-publish-sink';
import { JetStreamLogSink } from './sinks/jetstream-sink';
import { legacyLogFormat, liveLogFormat } from './sinks/live-formats';
import type { LogSink } from './sinks/log-sink';
import { LokiLogSink } from './sinks/loki-sink';
import { StdoutLogSink } from './sinks/stdout-sink';
import { WireClock } from './wire-clock';

/**
 * Builds the process's log pipeline: one pino root, per-run loggers, and a bounded queue per
 * enabled sink. Without a transport (tests, dry runs) only stdout and Loki are fed.
 */
export function createLogPipeline(
  transport: NatsTransport | undefined,
  options: LogPipelineOptions = {},
  env: Record<string, string | undefined> = process.env,
): LogPipeline {
  const drops = new DropReporter(options.dropReportIntervalMs ?? LOG_DROP_REPORT_INTERVAL_MS);
  const records: SinkQueue<LogRecord>[] = [];
  // The NATS sinks only: they ship continuously, while Loki's batches wait a second by design.
  const catchUp = new CatchUpWait(() => {
    let fullest = 0;
    for (const q of records) fullest = Math.max(fullest, q.backlog());
    return fullest;
  });
  const queue = <T>(
    sink: LogSink<T>,
    own: SinkQueueOptions = {},
    defaults: SinkQueueOptions = {},
    onShareReached?: () => void,
  ) =>
    new SinkQueue(
      sink,
      {
        capacity: own.capacity ?? options.queue?.capacity ?? defaults.capacity ?? LOG_SINK_QUEUE_CAPACITY,
        batchSize: own.batchSize ?? options.queue?.batchSize ?? defaults.batchSize ?? LOG_SINK_BATCH_SIZE,
        lingerMs: own.lingerMs ?? options.queue?.lingerMs ?? defaults.lingerMs ?? 0,
      },
      drops,
      onShareReached,
    );
  // A run-log queue over NATS: reaching the share holds reconciles back until it caught up.
  const shipping = (sink: LogSink<LogRecord>, own?: SinkQueueOptions) =>
    queue(sink, own, {}, catchUp.shareReached);
  const sinks = options.sinks ?? {};

  if (transport) {
    const js = settings(sinks.jetstream, true);
    if (js)
      records.push(
        shipping(new JetStreamLogSink(transport, js.publishTimeoutMs ?? LOG_PUBLISH_TIMEOUT_MS), js),
      );
    const live = settings(sinks.live, true);
    if (live) records.push(shipping(new LivePublishSink('live', transport, liveLogFormat), live));
    const legacy = settings(sinks.legacy, false);
    if (legacy) records.push(shipping(new LivePublishSink('legacy', transport, legacyLogFormat), legacy));
  }

  const lines: SinkQueue<string>[] = [];
  const stdout = settings(sinks.stdout, true);
  if (stdout) lines.push(queue(new StdoutLogSink(stdout), stdout));
  const lokiUrl = resolveLokiUrl(options, env);
  if (lokiUrl) {
    const loki = sinks.loki || {};
    const sink = new LokiLogSink({
      ...loki,
      url: lokiUrl,
      timeoutMs: loki.timeoutMs ?? LOKI_PUSH_TIMEOUT_MS,
    });
    lines.push(queue(sink, loki, { lingerMs: LOKI_BATCH_INTERVAL_MS, batchSize: 2000 }));
  }

  const level = options.level ?? 'info';
  const root = createRootLogger(
    { level, redact: options.redact ?? DEFAULT_REDACT_PATHS, base: options.base },
    lines,
  );
  const targets = { minLevel: LEVEL_VALUES[level], clock: new WireClock(), records };
  const queues: SinkQueue<unknown>[] = [...records, ...lines] as SinkQueue<unknown>[];
  let closing: Promise<void> | undefined;

  return {
    forRun: (bindings: RunLogBindings) => {
      // stdout and Loki lines get the trace context as plain fields (`traceparent`), for correlation.
      const own = { ...bindings };
      const pino = lines.length > 0 ? () => root.child(pinoBindings(own)) : undefined;
      return new RunLogger(targets, new RunLogChannel(own), pino);
    },
    process: toProcessLogger(root.child({ component: 'conveyor-runtime' })),
    stats: () => Object.fromEntries(queues.map((q): [string, SinkStats] => [q.name, q.stats()])),
    untilCaughtUp: () => catchUp.wait(),
    onDrop: (listener) => drops.subscribe(listener),
    flush: async () => {
      await Promise.all(queues.map((q) => q.flush()));
    },
    close: () =>
      (closing ??= (async () => {
        const timeoutMs = options.flushTimeoutMs ?? LOG_FLUSH_TIMEOUT_MS;
        await Promise.all(queues.map((q) => q.close(timeoutMs)));
        drops.report();
      })()),
  };
}

/** A run's bindings as its stdout and Loki lines carry them: trace context as plain fields. */
function pinoBindings({ traceHeaders, ...labels }: RunLogBindings): Record<string, string> {
  return { ...labels, ...traceHeaders };
}

/** `undefined` when the sink is off, else its settings (`{}` for a plain `true`). */
function settings<T>(
  value: SinkSwitch<T> | undefined,
  byDefault: boolean,
): (T & SinkQueueOptions) | undefined {
  if (value === undefined) return byDefault ? ({} as T & SinkQueueOptions) : undefined;
  if (value === false) return undefined;
  return value === true ? ({} as T & SinkQueueOptions) : value;
}

function resolveLokiUrl(
  options: LogPipelineOptions,
  env: Record<string, string | undefined>,
): string | undefined {
  const loki = options.sinks?.loki;
  if (loki === false) return undefined;
  if (loki?.url) return parseUrl('option sinks.loki.url', loki.url, ['http', 'https']);
  if (options.lokiUrl) return parseUrl('option lokiUrl', options.lokiUrl, ['http', 'https']);
  const fromEnv = env.LOKI_URL?.trim();
  return fromEnv ? parseUrl('LOKI_URL', fromEnv, ['http', 'https']) : undefined;
}
