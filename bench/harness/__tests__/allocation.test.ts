import type { GCProfilerResult } from 'node:v8';
import { AllocationMeter, allocatedBytes, gcShare } from '../allocation';

type Statistic = GCProfilerResult['statistics'][number];
const gc = (before: number, after: number, cost = 100): Statistic =>
  ({
    gcType: 'Scavenge',
    cost,
    beforeGC: { heapStatistics: { usedHeapSize: before } },
    afterGC: { heapStatistics: { usedHeapSize: after } },
  }) as Statistic;

describe('allocatedBytes', () => {
  it('adds the growth before each collection and after the last', () => {
    // 1,000 -> 5,000 (4,000 allocated), collected to 2,000, -> 6,000 (4,000), collected to 1,500, -> 2,500 (1,000).
    expect(allocatedBytes(1000, { statistics: [gc(5000, 2000), gc(6000, 1500)] }, 2500)).toBe(9000);
  });

  it('is the plain growth when no collection ran', () => {
    expect(allocatedBytes(1000, { statistics: [] }, 4000)).toBe(3000);
  });

  it('counts a step that shrank (memory freed between collections) as nothing, not as negative', () => {
    expect(allocatedBytes(5000, { statistics: [gc(4000, 1000)] }, 3000)).toBe(2000);
  });
});

describe('gcShare', () => {
  it('is the pause time over the CPU time of the window', () => {
    expect(gcShare({ statistics: [gc(0, 0, 300), gc(0, 0, 200)] }, 10_000)).toBeCloseTo(0.05);
  });

  it('is unknown, not infinite, when no CPU time was measured', () => {
    expect(gcShare({ statistics: [gc(0, 0, 300)] }, 0)).toBeNaN();
  });
});

describe('AllocationMeter', () => {
  const ARRAYS = 20_000;
  const ELEMENTS = 100;

  it('measures the garbage a window made, through the collections it triggered', () => {
    const meter = new AllocationMeter();
    meter.start();
    let kept: number[] = [];
    for (let i = 0; i < ARRAYS; i++) kept = new Array<number>(ELEMENTS).fill(i);
    meter.stop();
    const { allocatedBytes: bytes, gcEvents, gcShare: share } = meter.result();
    expect(kept).toHaveLength(ELEMENTS);
    // At least 4 bytes per element (compressed pointers), at most 8 and headers with room to spare.
    expect(bytes).toBeGreaterThanOrEqual(ARRAYS * ELEMENTS * 4);
    expect(bytes).toBeLessThan(ARRAYS * ELEMENTS * 8 * 2);
    expect(gcEvents).toBeGreaterThan(0);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1);
  });

  it('refuses a result before a window was measured, and a second start', () => {
    const meter = new AllocationMeter();
    expect(() => meter.result()).toThrow('has not measured a window yet');
    meter.start();
    expect(() => meter.start()).toThrow('already running');
    meter.stop();
    expect(() => meter.stop()).toThrow('stopped without being started');
  });
});
