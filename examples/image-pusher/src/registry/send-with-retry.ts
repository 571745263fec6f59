import { setTimeout as sleep } from 'node:timers/promises';
import { describeThrown, type DriverLogger } from '@conveyor-ts/core';
import { MAX_ERROR_BODY_BYTES, QUOTED_ERROR_BODY_CHARS } from '../defaults';
import { readBoundedText } from './bounded-body';
import { redactCredentials } from './redact-credentials';
import { RegistryError } from './registry-error';
import { retryDelayMs, type RetryPolicy } from './retry-policy';

export interface RetryContext {
  policy: RetryPolicy;
  logger: DriverLogger;
  signal?: AbortSignal;
  /** Strips credentials from registry text before it is quoted (the authenticator's secrets). */
  redact?: (text: string) => string;
}

/**
 * Sends a request until it gets an answer that is not transient: network errors, 5xx and 429 are
 * retried with exponential backoff (or `Retry-After`), then reported as a `RegistryError` that
 * says what was tried, how often, and the last problem.
 */
export async function sendWithRetry(
  what: string,
  send: () => Promise<Response>,
  context: RetryContext,
): Promise<Response> {
  const { policy, logger, signal } = context;
  for (let attempt = 1; ; attempt += 1) {
    let problem: string;
    let retryAfter: number | undefined;
    try {
      const response = await send();
      if (response.status !== 429 && response.status < 500) return response;
      const body = await readBoundedText(response, MAX_ERROR_BODY_BYTES);
      const quoted = (context.redact ?? redactCredentials)(body).trim().slice(0, QUOTED_ERROR_BODY_CHARS);
      problem = `HTTP ${response.status} ${quoted}`.trim();
      retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    } catch (error) {
      if (signal?.aborted) throw error;
      problem = networkProblem(error);
    }
    if (attempt >= policy.attempts) {
      throw new RegistryError(`${what} failed after ${attempt} attempts: ${problem}`);
    }
    const delay = retryDelayMs(policy, attempt, retryAfter);
    logger.warn(
      `${what}: ${problem}; retrying in ${delay} ms (attempt ${attempt + 1} of ${policy.attempts})`,
    );
    await sleep(delay, undefined, { signal });
  }
}

/** fetch reports every network failure as "fetch failed"; the useful part is in `cause`. */
function networkProblem(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code} (${cause.message ?? 'network error'})`;
  return describeThrown(error);
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds : undefined;
}
