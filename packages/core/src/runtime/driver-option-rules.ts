import type { DriverOptions } from './driver-options';

/** One bad driver option: its path (`retry.factor`) and what is wrong with it. */
export interface DriverOptionProblem {
  option: string;
  problem: string;
}

/**
 * The one rule set for driver options, used by the manager when a driver is registered and by the
 * decorators' explorer at boot. Checks a driver's own options over the manager's defaults and returns
 * every problem (an empty list when all is well); unknown keys are left alone.
 */
export function findDriverOptionProblems(own: unknown, defaults: DriverOptions = {}): DriverOptionProblem[] {
  const options = (typeof own === 'object' && own !== null ? own : {}) as Record<string, unknown>;
  const fallback = defaults as Record<string, unknown>;
  const value = (key: string): unknown => options[key] ?? fallback[key];
  const retry = { ...(fallback.retry as object), ...(options.retry as object) } as Record<string, unknown>;
  const problems: DriverOptionProblem[] = [];
  const add = (option: string, problem: string | undefined): void => {
    if (problem) problems.push({ option, problem });
  };

  const concurrency = value('concurrency');
  add('concurrency', integerAtLeast(concurrency, 1));
  add('orderByResource', oneOf(value('orderByResource'), [true, false]));
  add('timeoutMs', numberAtLeast(value('timeoutMs'), 1));
  add('maxAttempts', integerAtLeast(value('maxAttempts'), 1));
  for (const key of ['initialDelayMs', 'factor', 'maxDelayMs'])
    add(`retry.${key}`, numberAtLeast(retry[key], 1));
  add('deliverPolicy', oneOf(value('deliverPolicy'), ['all', 'new']));
  // Below 1 s the server's own ack bookkeeping would dominate; heartbeats run at half of it.
  add('ackWaitMs', numberAtLeast(value('ackWaitMs'), 1000));
  const minPending = typeof concurrency === 'number' && concurrency >= 1 ? concurrency : 1;
  add('maxAckPending', integerAtLeast(value('maxAckPending'), minPending));
  add('events', eventList(value('events')));
  return problems;
}

/** The problems as one message, the way the manager throws them. */
export function formatDriverOptionProblems(driver: string, problems: readonly DriverOptionProblem[]): string {
  if (problems.length === 1)
    return `Invalid option ${problems[0].option} of driver "${driver}": ${problems[0].problem}`;
  return `Invalid options of driver "${driver}": ${problems.map((p) => `${p.option} ${p.problem}`).join('; ')}`;
}

function numberAtLeast(value: unknown, min: number): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= min
    ? undefined
    : `must be a number >= ${min}, got ${String(value)}`;
}

function integerAtLeast(value: unknown, min: number): string | undefined {
  const problem = numberAtLeast(value, min);
  if (problem || value === undefined) return problem;
  return Number.isInteger(value) ? undefined : `must be an integer, got ${String(value)}`;
}

function oneOf(value: unknown, allowed: readonly unknown[]): string | undefined {
  if (value === undefined || allowed.includes(value)) return undefined;
  return `must be ${allowed.map((a) => JSON.stringify(a)).join(' or ')}, got ${JSON.stringify(value) ?? String(value)}`;
}

function eventList(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((e) => typeof e === 'string'))
    return 'must be an array of event names';
  return value.length === 0 ? 'must list at least one event, or be left out to reconcile all' : undefined;
}
