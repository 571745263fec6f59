import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NatsConnection } from 'nats';
import { NatsTransport, openNatsConnection, StreamNames, Subjects, type LogEntry } from '@conveyor-ts/core';

/** A NATS connection and transport for one test file; `close()` ends both. */
export async function connectTransport(url: string): Promise<NatsTransport> {
  const connection = await openNatsConnection({ servers: [url], extra: { maxReconnectAttempts: 0 } });
  return new NatsTransport(connection);
}

/**
 * Reads what the server would store: a pull consumer on `logs-engine`, as the server's own
 * `logs-engine` consumer does (tests only; a driver must never consume this stream).
 */
export async function readStoredLogs(
  url: string,
  runId: string,
  count: number,
): Promise<{ subject: string; entry: LogEntry }[]> {
  const connection = await openNatsConnection({ servers: [url], extra: { maxReconnectAttempts: 0 } });
  try {
    return await readThrough(connection, runId, count);
  } finally {
    await connection.close();
  }
}

async function readThrough(
  connection: NatsConnection,
  runId: string,
  count: number,
): Promise<{ subject: string; entry: LogEntry }[]> {
  const jsm = await connection.jetstreamManager();
  const name = `test-reader-${Math.random().toString(36).slice(2)}`;
  await jsm.consumers.add(StreamNames.logsEngine, {
    durable_name: name,
    ack_policy: 'explicit' as never,
    filter_subject: Subjects.logs(runId),
  });
  const consumer = await connection.jetstream().consumers.get(StreamNames.logsEngine, name);
  const out: { subject: string; entry: LogEntry }[] = [];
  while (out.length < count) {
    const batch = await consumer.fetch({ max_messages: Math.min(1000, count - out.length), expires: 2000 });
    let got = 0;
    for await (const m of batch) {
      out.push({ subject: m.subject, entry: JSON.parse(new TextDecoder().decode(m.data)) as LogEntry });
      m.ack();
      got++;
    }
    if (got === 0) break;
  }
  await connection.flush(); // the acks reach the server before the consumer goes
  await jsm.consumers.delete(StreamNames.logsEngine, name);
  return out;
}

/** Collects core NATS messages on `subject` until `count` arrived (or `timeoutMs` passed). */
export function collect(
  transport: NatsTransport,
  subject: string,
  count: number,
  timeoutMs = 20_000,
): {
  done: Promise<{ subject: string; text: string }[]>;
} {
  const subscription = transport.subscribe(subject);
  const timer = setTimeout(() => subscription.close(), timeoutMs);
  const done = (async () => {
    const out: { subject: string; text: string }[] = [];
    for await (const m of subscription) {
      out.push({ subject: m.subject, text: new TextDecoder().decode(m.data) });
      if (out.length >= count) break;
    }
    clearTimeout(timer);
    subscription.close();
    return out;
  })();
  return { done };
}

/** One request a fake Loki received. */
export interface LokiPush {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * An HTTP receiver speaking Loki's push API: `POST /loki/api/v1/push` answers 204 after `delayMs`.
 * It records every request, so tests can check what pino-loki actually sends.
 */
export async function startFakeLoki(options: { delayMs?: number } = {}): Promise<{
  url: string;
  pushes: LokiPush[];
  pending: () => number;
  stop: () => Promise<void>;
}> {
  const pushes: LokiPush[] = [];
  let pending = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      pending++;
      const answer = (): void => {
        pending--;
        pushes.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        const ok = req.method === 'POST' && req.url === '/loki/api/v1/push';
        res.statusCode = ok ? 204 : 404;
        res.end();
      };
      if (options.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          answer();
        }, options.delayMs);
        timers.add(t);
      } else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pushes,
    pending: () => pending,
    stop: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on: bound, noted, and released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const bindings = (runId: string, driver = 'git-cloner') => ({
  driver,
  runId,
  event: 'create',
  messageId: `msg-${runId}`,
  pipeline: 'flutter-pipeline',
});
