import type { RetryPolicy } from './resolve-driver-options';

/** Exponential backoff: the delay before delivery `attempt + 1`, after delivery `attempt` failed. */
export function retryDelay(attempt: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** exponent);
}
