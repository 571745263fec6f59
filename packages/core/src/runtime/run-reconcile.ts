import { RECONCILE_TURN_BUDGET_MS } from '../constants';
import { toError } from '../errors/describe-thrown';
import type { AbortSwitch } from './abort-switch';
import type { DriverDefinition } from './driver-definition';
import { normalizeReconcileResult } from './normalize-reconcile-result';
import type { ReconcileContext } from './reconcile-context';
import { ReconcileTimeoutError } from './reconcile-timeout-error';
import type { MessageOutcome } from './settlement';
import { ShutdownAbortError } from './shutdown-abort-error';
import { TurnBudget } from './turn-budget';

/** How one reconcile call ended: the outcomes of `settlement.ts` a reconcile can have. */
type ReconcileEnd = Extract<MessageOutcome, { kind: 'reconciled' | 'failed' | 'interrupted' }>;

/** The message a reconcile runs for: how to abort it, and when its reconcile was called. */
export interface ReconcileRun {
  readonly abort: AbortSwitch;
  /** Set to the `performance.now()` reading at the call. */
  reconcileStartedAt?: number;
}

/** The event loop is the process's: one budget for every driver's reconciles. */
const turns = new TurnBudget(RECONCILE_TURN_BUDGET_MS);

/**
 * Calls the driver's reconcile and never throws: a throw, a rejected promise, an invalid result or
 * the timeout (which aborts `context.signal`) become a `failed` attempt; a shutdown abort becomes
 * `interrupted`. A reconcile that ignores its signal is abandoned, not awaited.
 */
export function runReconcile(
  driver: DriverDefinition,
  context: ReconcileContext,
  run: ReconcileRun,
  timeoutMs: number,
): Promise<ReconcileEnd> {
  const { abort } = run;
  // One promise settled by whichever comes first, the reconcile or an abort: a race without the
  // extra promises of Promise.race (this runs for every message).
  return new Promise<ReconcileEnd>((resolve) => {
    if (abort.reason) return resolve(abortedAttempt(abort.reason));
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const stopListening = abort.onAbort((reason) => finish(abortedAttempt(reason)));
    function finish(attempt: ReconcileEnd): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopListening();
      resolve(attempt);
    }
    const returned = (value: unknown): void => {
      try {
        finish({ kind: 'reconciled', result: normalizeReconcileResult(value) });
      } catch (invalid) {
        finish({ kind: 'failed', error: toError(invalid) });
      }
    };
    // Any value may be thrown, even one whose string conversion throws: it must still fail cleanly.
    const threw = (thrown: unknown): void => finish({ kind: 'failed', error: toError(thrown) });
    const call = (calledAt: number): void => {
      run.reconcileStartedAt = calledAt;
      let value: unknown;
      let thenable: boolean;
      try {
        value = driver.reconcile(context);
        // Reading `then` runs code too (a getter, a Proxy trap): a throw there is the reconcile's.
        thenable = isThenable(value);
      } catch (thrown) {
        return threw(thrown);
      }
      if (!thenable) return returned(value);
      // Only a reconcile that returned a promise can outlive its timeout: a synchronous one has
      // finished by now, so it gets no timer (one fewer per message). The time its synchronous part
      // took counts against the timeout.
      const left = Math.max(0, timeoutMs - (performance.now() - calledAt));
      if (!settled) timer = setTimeout(() => abort.abort(new ReconcileTimeoutError(timeoutMs)), left);
      Promise.resolve(value).then(returned, threw);
    };
    // Now, or on a later turn once earlier reconciles held the loop for the budget; not at all if it
    // was aborted (shutdown, timeout) while it waited for that turn.
    turns.run((now) => {
      if (!abort.reason) call(now);
    });
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

/** A shutdown abort hands the message back; a timeout is a failed attempt. */
function abortedAttempt(reason: Error): ReconcileEnd {
  return reason instanceof ShutdownAbortError ? { kind: 'interrupted' } : { kind: 'failed', error: reason };
}
