import type { NatsConnection } from 'nats';
import { JETSTREAM_READY_POLL_MS } from '../constants';

export interface JetStreamReadyOptions {
  /** Give up after this long (`Infinity` waits for ever). */
  timeoutMs: number;
  /** Called once, when the first attempt fails: JetStream is not answering yet. */
  onWaiting?(reason: string): void;
}

/**
 * Resolves once JetStream answers an API request on `connection`. A cluster without quorum (nodes
 * still starting, a majority down) answers nothing or 503 for a while; a process that starts then
 * should wait for it, as one already running does, instead of failing on the first timeout.
 */
export async function waitForJetStream(
  connection: NatsConnection,
  options: JetStreamReadyOptions,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let warned = false;
  for (;;) {
    try {
      const jsm = await connection.jetstreamManager({ timeout: JETSTREAM_READY_POLL_MS });
      await jsm.getAccountInfo();
      return;
    } catch (error) {
      if (connection.isClosed()) throw error;
      const reason = (error as Error).message;
      if (Date.now() >= deadline) {
        throw new Error(
          `JetStream did not answer within ${options.timeoutMs} ms (last error: ${reason}): is a majority of the cluster's nodes up?`,
          { cause: error },
        );
      }
      if (!warned) options.onWaiting?.(reason);
      warned = true;
      await new Promise((resolve) => setTimeout(resolve, JETSTREAM_READY_POLL_MS));
    }
  }
}
