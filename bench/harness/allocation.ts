import { GCProfiler, getHeapStatistics, type GCProfilerResult } from 'node:v8';
import type { LoopKind } from '../loops/loop-under-test';
import type { BenchContext } from './bench-context';
import { eventsPerSecond, timeThroughput, type WindowMeter } from './measure';

/** The garbage a run made and what collecting it cost, over the window a meter was running. */
export interface GarbageFigures {
  /** JS heap bytes allocated in the window (what the collector had to deal with). */
  allocatedBytes: number;
  /** Main-thread GC pause time over the process CPU time (user + system, every thread) of the window. */
  gcShare: number;
  gcEvents: number;
}

/**
 * Bytes allocated from the GC profile of a window: the heap grows only by allocation between two
 * collections, so each collection's used heap before it, less the used heap after the previous one
 * (the first against the used heap at the start), plus the growth after the last, is what was
 * allocated. A step that shrank (lazy sweeping can free memory between collections) counts as none.
 */
export function allocatedBytes(
  usedAtStart: number,
  profile: Pick<GCProfilerResult, 'statistics'>,
  usedAtStop: number,
): number {
  let total = 0;
  let usedBefore = usedAtStart;
  for (const gc of profile.statistics) {
    total += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - usedBefore);
    usedBefore = gc.afterGC.heapStatistics.usedHeapSize;
  }
  return total + Math.max(0, usedAtStop - usedBefore);
}

/** Sum of the GC events' `cost` (µs of main-thread pause) over the process CPU µs of the same window. */
export function gcShare(profile: Pick<GCProfilerResult, 'statistics'>, cpuMicros: number): number {
  const pauseMicros = profile.statistics.reduce((sum, gc) => sum + gc.cost, 0);
  return cpuMicros > 0 ? pauseMicros / cpuMicros : Number.NaN;
}

/**
 * Measures this process's garbage between start() and stop() with `v8.GCProfiler`. It sees the whole
 * process: run it only while the code under test is the only thing working (pre-published events,
 * idle feed).
 */
export class AllocationMeter implements WindowMeter {
  private profiler: GCProfiler | undefined;
  private usedAtStart = 0;
  private cpuAtStart: NodeJS.CpuUsage | undefined;
  private figures: GarbageFigures | undefined;

  start(): void {
    if (this.profiler) throw new Error('the allocation meter is already running');
    this.profiler = new GCProfiler();
    this.usedAtStart = getHeapStatistics().used_heap_size;
    this.cpuAtStart = process.cpuUsage();
    this.profiler.start();
  }

  stop(): void {
    if (!this.profiler) throw new Error('the allocation meter was stopped without being started');
    const usedAtStop = getHeapStatistics().used_heap_size;
    const cpu = process.cpuUsage(this.cpuAtStart);
    const profile = this.profiler.stop();
    this.profiler = undefined;
    this.figures = {
      allocatedBytes: allocatedBytes(this.usedAtStart, profile, usedAtStop),
      gcShare: gcShare(profile, cpu.user + cpu.system),
      gcEvents: profile.statistics.length,
    };
  }

  /** The figures of the last start()/stop() window. */
  result(): GarbageFigures {
    if (!this.figures) throw new Error('the allocation meter has not measured a window yet');
    return this.figures;
  }
}

/** A no-op throughput run (as measureThroughput), and its garbage per message and GC share. */
export async function measureThroughputAndGarbage(
  ctx: BenchContext,
  kind: LoopKind,
  concurrency: number,
  count: number,
): Promise<{ eventsPerSec: number; garbage: GarbageFigures & { bytesPerMessage: number } }> {
  const meter = new AllocationMeter();
  const times = await timeThroughput(ctx, kind, concurrency, count, undefined, meter);
  const garbage = meter.result();
  return {
    eventsPerSec: eventsPerSecond(count, times),
    garbage: { ...garbage, bytesPerMessage: garbage.allocatedBytes / count },
  };
}
