import { RESULT_RETRY_INITIAL_DELAY_MS, RESULT_RETRY_MAX_DELAY_MS } from '../constants';

export interface PublishRetry {
  /** Shutdown: stop retrying and throw the last error (the message is nak'ed, its result deduplicated). */
  isStopping(): boolean;
  /** Each failed publish, before the wait for the next try. */
  onRetry(error: Error, failures: number, delayMs: number): void;
}

/**
 * Publishes a result until JetStream has stored it, waiting a little longer after each failure.
 * The reconcile is done: a result store that is down (a result stream electing its leader, 503,
 * no PubAck) must not cost a redelivery that counts as an attempt and runs the reconcile again.
 * The message stays ours meanwhile (its in-progress heartbeat goes on) and is acked once stored.
 */
export async function publishUntilStored(publish: () => Promise<void>, retry: PublishRetry): Promise<void> {
  for (let failures = 1; ; failures++) {
    try {
      return await publish();
    } catch (error) {
      if (retry.isStopping()) throw error;
      const delayMs = Math.min(
        RESULT_RETRY_MAX_DELAY_MS,
        RESULT_RETRY_INITIAL_DELAY_MS * 2 ** (failures - 1),
      );
      retry.onRetry(error as Error, failures, delayMs);
      await waitUnless(retry.isStopping, delayMs);
    }
  }
}

/** Waits `ms`, or less once `stop()` is true (checked every 100 ms), so shutdown is not held up. */
async function waitUnless(stop: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!stop() && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, until - Date.now())));
  }
}
