import type { DriverResult } from '../protocol/model/driver-result';
import type { DriverOptions } from './driver-options';
import type { ReconcileContext } from './reconcile-context';

/**
 * What a reconcile may return: a result (its `message` may be left out, as `normalizeReconcileResult`
 * allows), or nothing (success). `success: false` is a final answer; throwing is a transient failure
 * that is retried.
 */
export type ReconcileOutcome = (Omit<DriverResult, 'message'> & { message?: string }) | void | undefined;

export type ReconcileFunction<TSpec = unknown> = (
  context: ReconcileContext<TSpec>,
) => ReconcileOutcome | Promise<ReconcileOutcome>;

/** A driver as plain data: the decorators package builds these from classes. */
export interface DriverDefinition<TSpec = unknown> {
  /** One NATS subject token; the engine matches pipeline steps on it. */
  name: string;
  /** Resource types (definition names) this driver reconciles. */
  resources: readonly string[];
  reconcile: ReconcileFunction<TSpec>;
  options?: DriverOptions;
}
