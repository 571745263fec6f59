import { ConveyorApiError } from '@conveyor-ts/core';

/** The one line that says why a run view is derived (or cannot be given) on this server. */
export const NO_RUN_RECORDS =
  'this server keeps no run records (a Conveyor server serves no /runs; `conveyor dev` does)';

/**
 * Calls a route only the local control plane serves; when the server answers that it does not serve
 * it (`Cannot GET …`), runs `fallback` instead. Any other failure is the caller's to report.
 */
export async function withoutRunRecords<T>(call: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ConveyorApiError && error.routeNotServed) return fallback();
    throw error;
  }
}
