import { LOG_SINK_PROGRESS_MS } from '../../constants';
import { DropReporter } from '../queue/drop-reporter';
import { SinkQueue } from '../queue/sink-queue';
import type { LogSink } from '../sinks/log-sink';

/** A sink whose deliveries the test controls: each batch waits until `release()` is called. */
function gatedSink(outcome: (batch: readonly number[]) => number | Error = () => 0) {
  const batches: number[][] = [];
  let gate: () => void = () => undefined;
  let open = true;
  const sink: LogSink<number> & { closed: boolean } = {
    name: 'test',
    closed: false,
    deliver: async (batch) => {
      batches.push([...batch]);
      if (!open) await new Promise<void>((resolve) => (gate = resolve));
      const result = outcome(batch);
      if (result instanceof Error) throw result;
      return result;
    },
    close: async () => {
      sink.closed = true;
    },
  };
  return { sink, batches, hold: () => (open = false), release: () => ((open = true), gate()) };
}

const drops = () => {
  // A long interval: reports come only from explicit report() calls, so counts are deterministic.
  const reporter = new DropReporter(60_000);
  const seen: [string, number][] = [];
  reporter.subscribe((sink, count) => seen.push([sink, count]));
  return { reporter, seen, total: () => seen.reduce((n, [, c]) => n + c, 0) };
};

describe('SinkQueue', () => {
  it('delivers in order, in batches, and resolves flush once everything is settled', async () => {
    const { sink, batches } = gatedSink();
    const queue = new SinkQueue(sink, { capacity: 100, batchSize: 4, lingerMs: 0 }, drops().reporter);
    for (let i = 0; i < 10; i++) queue.push(i);
    expect(batches).toEqual([]); // push never delivers synchronously
    await queue.flush();
    expect(batches).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(queue.stats()).toEqual({ delivered: 10, dropped: 0, failed: 0, queued: 0 });
  });

  it('reports its backlog only while the sink ships: a stuck or closed sink holds nothing back', async () => {
    const { sink, hold, release } = gatedSink();
    const queue = new SinkQueue(sink, { capacity: 10, batchSize: 2, lingerMs: 0 }, drops().reporter);
    queue.push(0);
    expect(queue.backlog()).toBe(0); // nothing stored yet: not known to ship
    await queue.flush();
    hold();
    for (let i = 0; i < 5; i++) queue.push(i);
    expect(queue.backlog()).toBe(0.5); // in-flight entries count
    await new Promise((resolve) => setTimeout(resolve, LOG_SINK_PROGRESS_MS + 50));
    expect(queue.backlog()).toBe(0); // nothing stored for that long: stuck, not slow
    release();
    await queue.flush();
    expect(queue.backlog()).toBe(0); // shipped, and empty
    hold();
    for (let i = 0; i < 4; i++) queue.push(i);
    expect(queue.backlog()).toBe(0.4);
    await queue.close(10);
    expect(queue.backlog()).toBe(0);
    release();
  });

  it('tells when a push takes it to half its capacity', () => {
    const { sink, hold } = gatedSink();
    hold();
    let told = 0;
    const queue = new SinkQueue(
      sink,
      { capacity: 10, batchSize: 2, lingerMs: 0 },
      drops().reporter,
      () => told++,
    );
    for (let i = 0; i < 4; i++) queue.push(i);
    expect(told).toBe(0);
    queue.push(4);
    queue.push(5);
    expect(told).toBe(2);
  });

  it('drops beyond the capacity (in-flight entries included) and reports the drops', async () => {
    const { sink, hold, release } = gatedSink();
    const d = drops();
    hold();
    const queue = new SinkQueue(sink, { capacity: 5, batchSize: 2, lingerMs: 0 }, d.reporter);
    for (let i = 0; i < 3; i++) queue.push(i);
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 3; i < 10; i++) queue.push(i);
    expect(queue.stats()).toEqual({ delivered: 0, dropped: 5, failed: 0, queued: 5 });
    release();
    await queue.flush();
    expect(queue.stats()).toEqual({ delivered: 5, dropped: 5, failed: 0, queued: 0 });
    d.reporter.report();
    expect(d.total()).toBe(5);
  });

  it('counts failed entries and whole batches that throw, and keeps going', async () => {
    const { sink } = gatedSink((batch) => (batch[0] === 0 ? 1 : new Error('down')));
    const d = drops();
    const queue = new SinkQueue(sink, { capacity: 10, batchSize: 3, lingerMs: 0 }, d.reporter);
    for (let i = 0; i < 6; i++) queue.push(i);
    await queue.flush();
    expect(queue.stats()).toEqual({ delivered: 2, dropped: 0, failed: 4, queued: 0 });
    d.reporter.report();
    expect(d.seen).toEqual([['test', 4]]);
  });

  it('close() waits for the backlog, then closes the sink; later pushes are dropped', async () => {
    const { sink } = gatedSink();
    const queue = new SinkQueue(sink, { capacity: 10, batchSize: 3, lingerMs: 0 }, drops().reporter);
    for (let i = 0; i < 7; i++) queue.push(i);
    await queue.close(1000);
    expect(sink.closed).toBe(true);
    queue.push(99);
    expect(queue.stats()).toEqual({ delivered: 7, dropped: 1, failed: 0, queued: 0 });
  });

  it('close() gives up after its timeout and counts the abandoned entries as dropped', async () => {
    const { sink, hold } = gatedSink();
    hold();
    const queue = new SinkQueue(sink, { capacity: 10, batchSize: 2, lingerMs: 0 }, drops().reporter);
    for (let i = 0; i < 6; i++) queue.push(i);
    const flushed = queue.flush();
    await queue.close(20);
    await flushed; // flush waiters are released too
    expect(queue.stats()).toEqual({ delivered: 0, dropped: 4, failed: 0, queued: 2 });
  });

  it('a lingering queue waits for more entries, but close() cuts the wait short', async () => {
    const { sink, batches } = gatedSink();
    const queue = new SinkQueue(sink, { capacity: 10, batchSize: 5, lingerMs: 60_000 }, drops().reporter);
    queue.push(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    queue.push(2);
    expect(batches).toEqual([]);
    await queue.close(1000);
    expect(batches).toEqual([[1, 2]]);
  });

  it('keeps up to maxBatchesInFlight batches out, in order, and flushes only when the oldest is back', async () => {
    const started: number[][] = [];
    const finish: Array<(failed: number) => void> = [];
    const sink: LogSink<number> = {
      name: 'windowed',
      maxBatchesInFlight: 2,
      deliver: (batch) => {
        started.push([...batch]);
        return new Promise<number>((resolve) => finish.push(resolve));
      },
    };
    const queue = new SinkQueue(sink, { capacity: 100, batchSize: 2, lingerMs: 0 }, drops().reporter);
    for (let i = 0; i < 6; i++) queue.push(i);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([
      [0, 1],
      [2, 3],
    ]); // two out at once, none beyond
    let flushed = false;
    const flush = queue.flush().then(() => (flushed = true));
    finish[1](0); // the newer batch answers first: nothing is counted until the oldest is back
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.stats()).toMatchObject({ delivered: 0, queued: 6 });
    finish[0](1);
    // The drain loop yields a turn after each settled batch before it sends the next.
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(3);
    expect(started[2]).toEqual([4, 5]);
    expect(flushed).toBe(false);
    finish[2](0);
    await flush;
    expect(queue.stats()).toEqual({ delivered: 5, dropped: 0, failed: 1, queued: 0 });
  });
});
