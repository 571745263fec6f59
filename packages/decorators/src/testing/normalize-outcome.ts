import type { DriverResult, ReconcileOutcome } from '@conveyor-ts/core';

/** What the engine receives for a reconcile's return value: nothing means success. */
export function normalizeOutcome(outcome: ReconcileOutcome): DriverResult {
  if (outcome === undefined || outcome === null) return { success: true, message: '', data: null };
  return { success: outcome.success, message: outcome.message ?? '', data: outcome.data ?? null };
}
