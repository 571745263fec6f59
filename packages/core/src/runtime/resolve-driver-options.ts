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

/** Merges a driver's options over the manager's defaults over the constants; throws naming a bad value. */
export function resolveDriverOptions(
  driver: string,
  own: DriverOptions = {},
  defaults: DriverOptions = {},
): ResolvedDriverOptions {
  const pick = <K extends keyof DriverOptions>(key: K): DriverOptions[K] => own[key] ?? defaults[key];
  const check = (name: string, value: number, min: number): number => {
    if (!Number.isFinite(value) || value < min) {
      throw new TypeError(
        `Invalid option ${name} of driver "${driver}": must be a number >= ${min}, got ${value}`,
      );
    }
    return value;
  };
  const integer = (name: string, value: number, min: number): number => {
    check(name, value, min);
    if (!Number.isInteger(value))
      throw new TypeError(`Invalid option ${name} of driver "${driver}": must be an integer, got ${value}`);
    return value;
  };
  const concurrency = integer('concurrency', pick('concurrency') ?? DEFAULT_CONCURRENCY, 1);
  const retry = { ...defaults.retry, ...own.retry };
  const deliverPolicy = pick('deliverPolicy') ?? DEFAULT_DELIVER_POLICY;
  if (deliverPolicy !== 'all' && deliverPolicy !== 'new') {
    throw new TypeError(
      `Invalid option deliverPolicy of driver "${driver}": must be "all" or "new", got "${String(deliverPolicy)}"`,
    );
  }
  const events = pick('events');
  return {
    concurrency,
    orderByResource: pick('orderByResource') ?? false,
    timeoutMs: check('timeoutMs', pick('timeoutMs') ?? DEFAULT_RECONCILE_TIMEOUT_MS, 1),
    maxAttempts: integer('maxAttempts', pick('maxAttempts') ?? DEFAULT_MAX_ATTEMPTS, 1),
    retry: {
      initialDelayMs: check(
        'retry.initialDelayMs',
        retry.initialDelayMs ?? DEFAULT_RETRY_INITIAL_DELAY_MS,
        1,
      ),
      factor: check('retry.factor', retry.factor ?? DEFAULT_RETRY_FACTOR, 1),
      maxDelayMs: check('retry.maxDelayMs', retry.maxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS, 1),
    },
    deliverPolicy,
    // Below 1 s the server's own ack bookkeeping would dominate; heartbeats run at half of it.
    ackWaitMs: check('ackWaitMs', pick('ackWaitMs') ?? DEFAULT_ACK_WAIT_MS, 1000),
    maxAckPending: integer(
      'maxAckPending',
      pick('maxAckPending') ?? concurrency * DEFAULT_MAX_ACK_PENDING_PER_SLOT,
      concurrency,
    ),
    ...(events && !events.includes('*') ? { events: new Set(events) } : {}),
  };
}
