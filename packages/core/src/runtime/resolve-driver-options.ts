import {
  DEFAULT_ACK_WAIT_MS,
  DEFAULT_CONCURRENCY,
  DEFAULT_DELIVER_POLICY,
  DEFAULT_MAX_ACK_PENDING_PER_SLOT,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RECONCILE_TIMEOUT_MS,
  DEFAULT_RETRY_FACTOR,
  DEFAULT_RETRY_INITIAL_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
} from '../constants';
import { findDriverOptionProblems, formatDriverOptionProblems } from './driver-option-rules';
import type { DriverOptions } from './driver-options';

export interface RetryPolicy {
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

/** Driver options with every default applied and checked. */
export interface ResolvedDriverOptions {
  concurrency: number;
  orderByResource: boolean;
  timeoutMs: number;
  maxAttempts: number;
  retry: RetryPolicy;
  deliverPolicy: 'all' | 'new';
  ackWaitMs: number;
  maxAckPending: number;
  /** undefined: every event is reconciled. */
  events?: ReadonlySet<string>;
}

/**
 * Merges a driver's options over the manager's defaults over the constants; throws a `TypeError`
 * naming every bad value (driver-option-rules.ts holds the rules).
 */
export function resolveDriverOptions(
  driver: string,
  own: DriverOptions = {},
  defaults: DriverOptions = {},
): ResolvedDriverOptions {
  const problems = findDriverOptionProblems(own, defaults);
  if (problems.length > 0) throw new TypeError(formatDriverOptionProblems(driver, problems));
  const pick = <K extends keyof DriverOptions>(key: K): DriverOptions[K] => own[key] ?? defaults[key];
  const retry = { ...defaults.retry, ...own.retry };
  const concurrency = pick('concurrency') ?? DEFAULT_CONCURRENCY;
  const events = pick('events');
  return {
    concurrency,
    orderByResource: pick('orderByResource') ?? false,
    timeoutMs: pick('timeoutMs') ?? DEFAULT_RECONCILE_TIMEOUT_MS,
    maxAttempts: pick('maxAttempts') ?? DEFAULT_MAX_ATTEMPTS,
    retry: {
      initialDelayMs: retry.initialDelayMs ?? DEFAULT_RETRY_INITIAL_DELAY_MS,
      factor: retry.factor ?? DEFAULT_RETRY_FACTOR,
      maxDelayMs: retry.maxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS,
    },
    deliverPolicy: pick('deliverPolicy') ?? DEFAULT_DELIVER_POLICY,
    ackWaitMs: pick('ackWaitMs') ?? DEFAULT_ACK_WAIT_MS,
    maxAckPending: pick('maxAckPending') ?? concurrency * DEFAULT_MAX_ACK_PENDING_PER_SLOT,
    ...(events && !events.includes('*') ? { events: new Set(events) } : {}),
  };
}
