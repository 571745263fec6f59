/** Exponential backoff for transient registry errors (connection refused, 5xx, 429). */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

/** Delay before try `attempt + 1` (attempt counts from 1), or the server's `Retry-After` when given. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined && retryAfterSeconds >= 0) {
    return Math.min(retryAfterSeconds * 1000, policy.maxDelayMs);
  }
  return Math.min(policy.initialDelayMs * policy.factor ** (attempt - 1), policy.maxDelayMs);
}
