import { toWireLogEntry, type LogEntry } from '@conveyor-ts/core';
import type { LogStore } from '../storage/log-store';
import type { LiveLogSource, LiveLogSubscription } from './live-log-source';

/** One entry of a log stream. */
export interface LogFeedItem {
  /** The Log JSON: re-serialized for stored entries, the payload verbatim for live ones (as the server). */
  json: string;
  /** The entry, or undefined for a live payload that is not a Log object (forwarded raw all the same). */
  entry: LogEntry | undefined;
}

export interface LogFeedOptions {
  runid: string;
  /** One driver's entries, or every driver's of the run when undefined. */
  driver: string | undefined;
  /** Live entries held for a slow reader; beyond this they are dropped and counted. */
  bufferEntries: number;
  /** Told once, on close, how many live entries a slow reader lost. */
  warn(message: string): void;
}

/**
 * One client's log stream of a run, the same for SSE and WebSocket: the stored entries, then live
 * ones. It subscribes before reading the store, so nothing falls into the gap, and skips the live
 * copies of replayed entries. Live entries wait in a bounded buffer: a reader that falls behind loses
 * the newest ones (counted in `dropped`) instead of growing memory. `close()` unsubscribes.
 */
export class LogFeed implements AsyncIterable<LogFeedItem> {
  /** Live entries dropped because the reader was `bufferEntries` behind. */
  dropped = 0;
  private stored: LogEntry[] = [];
  private readonly pending: string[] = [];
  private wake: (() => void) | undefined;
  private closed = false;
  private liveEnded = false;

  private constructor(
    private readonly live: LiveLogSubscription,
    private readonly options: LogFeedOptions,
  ) {
    void this.pump();
  }

  static async open(
    sources: { live: LiveLogSource; logs: LogStore },
    options: LogFeedOptions,
  ): Promise<LogFeed> {
    const feed = new LogFeed(sources.live.subscribe(options.runid, options.driver), options);
    try {
      feed.stored = await sources.logs.query({ runid: options.runid, driver: options.driver });
    } catch (error) {
      feed.close();
      throw error;
    }
    return feed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.live.close();
    this.wake?.();
    if (this.dropped > 0) {
      const of = this.options.driver === undefined ? '' : ` (driver ${this.options.driver})`;
      this.options.warn(
        `log stream of run ${this.options.runid}${of} dropped ${this.dropped} live entries: the client read too slowly`,
      );
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<LogFeedItem> {
    const replayed = new Map<string, number>();
    const stored = this.stored;
    this.stored = [];
    for (const original of stored) {
      const entry = toWireLogEntry(original);
      const json = JSON.stringify(entry);
      replayed.set(json, (replayed.get(json) ?? 0) + 1);
      if (this.closed) return;
      yield { json, entry };
    }
    while (!this.closed) {
      const payload = this.pending.shift();
      if (payload === undefined) {
        if (this.liveEnded) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      const entry = parseLogEntry(payload);
      const key = entry && JSON.stringify(entry);
      const copies = key === undefined ? 0 : (replayed.get(key) ?? 0);
      if (copies > 0) {
        replayed.set(key as string, copies - 1);
        continue;
      }
      yield { json: payload, entry };
    }
  }

  /** Moves live payloads into the bounded buffer as fast as NATS delivers them. */
  private async pump(): Promise<void> {
    try {
      for await (const payload of this.live) {
        if (this.pending.length >= this.options.bufferEntries) this.dropped++;
        else this.pending.push(payload);
        this.wake?.();
      }
    } catch {
      // A broken subscription ends the stream like a closed one: the client reconnects.
    } finally {
      this.liveEnded = true;
      this.wake?.();
    }
  }
}

/** The five Log fields of a live payload in the server's order, or undefined when it is not a Log. */
function parseLogEntry(payload: string): LogEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entry = toWireLogEntry(value as LogEntry);
  return Object.values(entry).every((field) => typeof field === 'string') ? entry : undefined;
}
