import { LOG_BACKLOG_PAUSE_SHARE, LOG_SINK_PROGRESS_MS } from '../../constants';
import type { SinkStats } from '../log-pipeline';
import type { LogSink } from '../sinks/log-sink';
import type { DropReporter } from './drop-reporter';

export interface ResolvedSinkQueueOptions {
  capacity: number;
  batchSize: number;
  lingerMs: number;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A bounded FIFO in front of one sink. `push` never waits: beyond the capacity an entry is dropped
 * and counted. One drain loop delivers batches strictly in order, yielding to the event loop between
 * batches so a backlog never starves the caller.
 */
export class SinkQueue<T> {
  private items: T[] = [];
  private head = 0;
  private inFlight = 0;
  private draining = false;
  private closed = false;
  /** Entries accepted and entries settled (delivered or failed), for `flush`. */
  private accepted = 0;
  private settled = 0;
  private readonly waiters: { target: number; resolve: () => void }[] = [];
  private readonly counts = { delivered: 0, dropped: 0, failed: 0 };
  /** When a batch last had entries delivered. */
  private lastProgressAt = Number.NEGATIVE_INFINITY;
  /** Ends a linger early (on close). */
  private wake: (() => void) | undefined;
  /** The size from which a push tells `onShareReached` (catch-up-wait.ts). */
  private readonly shareMark: number;

  constructor(
    private readonly sink: LogSink<T>,
    private readonly options: ResolvedSinkQueueOptions,
    private readonly drops: DropReporter,
    private readonly onShareReached?: () => void,
  ) {
    this.shareMark = Math.ceil(options.capacity * LOG_BACKLOG_PAUSE_SHARE);
  }

  get name(): string {
    return this.sink.name;
  }

  push(item: T): void {
    if (this.closed || this.size() >= this.options.capacity) {
      this.lose('dropped', 1);
      return;
    }
    this.items.push(item);
    this.accepted++;
    if (this.onShareReached && this.size() >= this.shareMark) this.onShareReached();
    if (!this.draining) {
      this.draining = true;
      setImmediate(() => void this.drain());
    }
  }

  /**
   * Queued and in-flight entries as a share of the capacity, while the sink ships them (a batch
   * stored within `LOG_SINK_PROGRESS_MS`); 0 for a sink that is stuck, down or closed, which must
   * not hold up the reconciles whose lines it would lose anyway.
   */
  backlog(): number {
    const size = this.size();
    if (size === 0 || this.closed || performance.now() - this.lastProgressAt > LOG_SINK_PROGRESS_MS) return 0;
    return size / this.options.capacity;
  }

  stats(): SinkStats {
    return { ...this.counts, queued: this.size() };
  }

  /** Resolves once everything accepted so far is settled. */
  flush(): Promise<void> {
    if (this.settled >= this.accepted) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ target: this.accepted, resolve }));
  }

  /** Stops accepting, waits up to `timeoutMs` for the backlog, counts what is left as dropped. */
  async close(timeoutMs: number): Promise<void> {
    this.closed = true;
    this.wake?.();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([this.flush(), timedOut]);
    const abandoned = this.items.length - this.head;
    if (abandoned > 0) {
      this.items = [];
      this.head = 0;
      this.lose('dropped', abandoned);
      this.settle(abandoned);
    }
    // Whoever still waits on a flush is told it is over, even if a delivery is still hanging.
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
    await Promise.race([this.sink.close?.(), timedOut]);
    clearTimeout(timer);
  }

  private size(): number {
    return this.items.length - this.head + this.inFlight;
  }

  /**
   * Delivers batches in order, with up to the sink's `maxBatchesInFlight` in delivery at once (a
   * JetStream sink then waits for one round trip of PubAcks per window, not per batch). Outcomes are
   * counted oldest first, so `flush` never resolves while an earlier batch is still out.
   */
  private async drain(): Promise<void> {
    const { batchSize, lingerMs } = this.options;
    const maxInFlight = Math.max(1, this.sink.maxBatchesInFlight ?? 1);
    const window: { size: number; failed: Promise<number> }[] = [];
    while (this.head < this.items.length || window.length > 0) {
      if (this.head < this.items.length && window.length < maxInFlight) {
        if (window.length === 0 && lingerMs > 0 && !this.closed && this.items.length - this.head < batchSize)
          await this.linger(lingerMs);
        const batch = this.take(batchSize); // not empty: items are waiting
        this.inFlight += batch.length;
        window.push({ size: batch.length, failed: this.deliver(batch) });
        continue;
      }
      const oldest = window.shift()!; // not undefined: the loop runs while batches are out
      const failed = await oldest.failed;
      if (failed < oldest.size) this.lastProgressAt = performance.now();
      this.inFlight -= oldest.size;
      this.counts.delivered += oldest.size - failed;
      if (failed > 0) this.lose('failed', failed);
      this.settle(oldest.size);
      await nextTurn();
    }
    this.draining = false;
  }

  /** How many entries of the batch failed; a sink that throws failed the whole batch. */
  private async deliver(batch: T[]): Promise<number> {
    try {
      return Math.min(batch.length, Math.max(0, await this.sink.deliver(batch)));
    } catch {
      return batch.length;
    }
  }

  private linger(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private take(count: number): T[] {
    const batch = this.items.slice(this.head, this.head + count);
    this.head += batch.length;
    // Compact now and then so the consumed prefix does not pin memory.
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return batch;
  }

  private settle(count: number): void {
    this.settled += count;
    while (this.waiters.length > 0 && this.waiters[0].target <= this.settled) this.waiters.shift()?.resolve();
  }

  private lose(kind: 'dropped' | 'failed', count: number): void {
    this.counts[kind] += count;
    this.drops.lost(this.sink.name, count);
  }
}
