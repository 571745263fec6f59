import type { Fixture } from '../support/control-plane-fixture';
import { call } from '../support/raw-http';

/** Heap growth a fuzz suite may cause in the process hosting the control plane. */
const HEAP_GROWTH_BOUND_BYTES = 256 * 1024 * 1024;

/**
 * The process-level guard run after each fuzz batch: the control plane still answers `/health`, it
 * reported no unexpected failure (every error took the answered path), and the heap of the process it
 * runs in has not grown past the bound since the suite started.
 */
export class PlaneGuard {
  private readonly heapAtStart = process.memoryUsage().heapUsed;

  constructor(private readonly fx: () => Fixture) {}

  async check(): Promise<void> {
    const { plane, logger } = this.fx();
    expect((await call(plane.apiUrl, 'GET', '/health')).status).toBe(200);
    expect(logger.errors).toEqual([]);
    expect(process.memoryUsage().heapUsed - this.heapAtStart).toBeLessThan(HEAP_GROWTH_BOUND_BYTES);
  }
}
