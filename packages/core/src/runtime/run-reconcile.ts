import { RECONCILE_TURN_BUDGET_MS } from '../constants';
import { describeThrown, toError } from '../errors/describe-thrown';
import type { DriverResult } from '../protocol/model/driver-result';
import type { AbortSwitch } from './abort-switch';
import type { DriverDefinition } from './driver-definition';
import type { ReconcileContext } from './reconcile-context';
import { ReconcileTimeoutError } from './reconcile-timeout-error';
import { ShutdownAbortError } from './shutdown-abort-error';
import { TurnBudget } from './turn-budget';

/** How one reconcile call ended. */
export type ReconcileAttempt =
  { kind: 'returned'; result: DriverResult } | { kind: 'failed'; error: Error } | { kind: 'interrupted' };

/**
 * Calls the driver's reconcile and never throws: a throw, a rejected promise, an invalid result or
 * the timeout (which aborts `context.signal`) become a `failed` attempt; a shutdown abort becomes
 * `interrupted`. A reconcile that ignores its signal is abandoned, not awaited.
 */
export function runReconcile(
  driver: DriverDefinition,
  context: ReconcileContext,
  abort: AbortSwitch,
  timeoutMs: number,
): Promise<ReconcileAttempt> {
  // One promise settled by whichever comes first, the reconcile or an abort: a race without the
  // extra promises of Promise.race (this runs for every message).
  return new Promise<ReconcileAttempt>((resolve) => {
    if (abort.reason) return resolve(abortedAttempt(abort.reason));
    let settled = false;
    const timer = setTimeout(() => abort.abort(new ReconcileTimeoutError(timeoutMs)), timeoutMs);
    const stopListening = abort.onAbort((reason) => finish(abortedAttempt(reason)));
    function finish(attempt: ReconcileAttempt): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopListening();
      resolve(attempt);
    }
    startReconcile(driver, context, abort).then(
      (returned) => {
        try {
          finish({ kind: 'returned', result: normalizeResult(returned) });
        } catch (invalid) {
          finish({ kind: 'failed', error: toError(invalid) });
        }
      },
      // Any value may be thrown, even one whose string conversion throws: it must still fail cleanly.
      (thrown: unknown) => finish({ kind: 'failed', error: toError(thrown) }),
    );
  });
}

/** A shutdown abort hands the message back; a timeout is a failed attempt. */
function abortedAttempt(reason: Error): ReconcileAttempt {
  return reason instanceof ShutdownAbortError ? { kind: 'interrupted' } : { kind: 'failed', error: reason };
}

/** The event loop is the process's: one budget for every driver's reconciles. */
const turns = new TurnBudget(RECONCILE_TURN_BUDGET_MS);

/**
 * Starts the reconcile now, or on a later turn once earlier ones held the loop for the budget; not at
 * all if it was aborted (shutdown, timeout) while it waited for that turn.
 */
function startReconcile(
  driver: DriverDefinition,
  context: ReconcileContext,
  abort: AbortSwitch,
): Promise<unknown> {
  const wait = turns.claim();
  if (!wait) return Promise.resolve().then(() => driver.reconcile(context));
  return wait.then(() => (abort.reason ? undefined : driver.reconcile(context)));
}

/**
 * `undefined` means success; anything else must look like a DriverResult with serializable data.
 * Each field is read once: a getter cannot answer one thing to the check and another to the publish.
 */
function normalizeResult(value: unknown): DriverResult {
  if (value === undefined || value === null) return { success: true, message: '', data: null };
  const { success, message, data = null } = value as Partial<DriverResult>;
  if (typeof value !== 'object' || typeof success !== 'boolean') {
    throw new TypeError(
      `reconcile returned ${describeJson(value)}, not a DriverResult {success, message, data}`,
    );
  }
  if (message !== undefined && typeof message !== 'string') {
    throw new TypeError(
      `reconcile returned a result whose message is not a string: ${describeJson(message)}`,
    );
  }
  try {
    JSON.stringify(data);
  } catch (error) {
    throw new TypeError(
      `reconcile returned data that cannot be serialized to JSON: ${describeThrown(error)}`,
      {
        cause: error,
      },
    );
  }
  return { success, message: message ?? '', data };
}

/** The JSON of a refused value, bounded like any described value (it may be megabytes). */
function describeJson(value: unknown): string {
  try {
    return describeThrown(JSON.stringify(value) ?? value);
  } catch {
    return describeThrown(value);
  }
}
