import {
  AckPolicy,
  DeliverPolicy,
  JSONCodec,
  nanos,
  type JetStreamClient,
  type JetStreamManager,
} from 'nats';
import { toWireLogEntry, type LogEntry } from '@conveyor-ts/core';
import { compareLogEntries, type LogFilter, type LogStore } from '../storage/log-store';
import { LOG_READ_TIMEOUT_MS } from '../constants';
import { encodeToken } from './encode-token';

/** The control plane's own stream of stored log entries, one subject per run and driver. */
export const LOG_STORE_STREAM = 'conveyor-log-store';
const SUBJECT_PREFIX = 'conveyor.store.logs';

/**
 * Log entries in a JetStream stream (limits retention, file storage), so they survive restarts like
 * the server's BadgerDB. A run's or a driver's entries are read back with a subject filter.
 */
export class LogStreamStore implements LogStore {
  private readonly codec = JSONCodec<LogEntry>();

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
  ) {}

  static async open(js: JetStreamClient, jsm: JetStreamManager): Promise<LogStreamStore> {
    const config = { name: LOG_STORE_STREAM, subjects: [`${SUBJECT_PREFIX}.>`] };
    try {
      await jsm.streams.info(LOG_STORE_STREAM);
    } catch {
      await jsm.streams.add(config);
    }
    return new LogStreamStore(js, jsm);
  }

  async append(entry: LogEntry): Promise<void> {
    const subject = `${SUBJECT_PREFIX}.${encodeToken(entry.runid)}.${encodeToken(entry.driver)}`;
    await this.js.publish(subject, this.codec.encode(toWireLogEntry(entry)));
  }

  async query(filter: LogFilter): Promise<LogEntry[]> {
    const subject = `${SUBJECT_PREFIX}.${token(filter.runid)}.${token(filter.driver)}`;
    const entries = (await this.read(subject)).filter(
      (entry) => filter.pipeline === undefined || entry.pipeline === filter.pipeline,
    );
    return entries.sort(compareLogEntries);
  }

  private async read(subject: string): Promise<LogEntry[]> {
    const info = await this.jsm.streams.info(LOG_STORE_STREAM, { subjects_filter: subject });
    const total = Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
    if (total === 0) return [];
    // A throw-away consumer without acks reads the matching messages in stream order.
    const { name } = await this.jsm.consumers.add(LOG_STORE_STREAM, {
      filter_subject: subject,
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.All,
      inactive_threshold: nanos(LOG_READ_TIMEOUT_MS * 2),
    });
    const entries: LogEntry[] = [];
    try {
      const consumer = await this.js.consumers.get(LOG_STORE_STREAM, name);
      const messages = await consumer.fetch({ max_messages: total, expires: LOG_READ_TIMEOUT_MS });
      for await (const message of messages) {
        entries.push(this.codec.decode(message.data));
        if (entries.length >= total) break;
      }
    } finally {
      await this.jsm.consumers.delete(LOG_STORE_STREAM, name).catch(() => undefined);
    }
    return entries;
  }
}

function token(value: string | undefined): string {
  return value === undefined ? '*' : encodeToken(value);
}
