import { ErrorCode, NatsError, type NatsConnection } from 'nats';
import { JETSTREAM_READY_POLL_MS } from '../constants';

export interface JetStreamWaitOptions {
  /** Give up after this long (`Infinity` waits for ever). */
  timeoutMs: number;
  /** Called once, when the first attempt finds JetStream unavailable. */
  onWaiting?(reason: string): void;
}

/** JetStream API error codes of a cluster that is there but not ready (nats-server `errors.json`). */
const NOT_READY = new Set([
  10008, // "JetStream system temporarily unavailable": no leader for the asset (yet)
  10005, // "no suitable peers for placement": nodes still joining, or too few up for the replicas
]);

/**
 * True for the errors of a JetStream that cannot answer yet: no quorum, no leader, nodes joining.
 * A node that lost its cluster's quorum answers "no responders" too, as does a server without
 * JetStream; the wait's log line and its bound cover the latter.
 */
export function isJetStreamUnavailable(error: unknown): boolean {
  if (!(error instanceof NatsError)) return false;
  return (
    error.code === ErrorCode.Timeout ||
    error.code === ErrorCode.NoResponders ||
    NOT_READY.has(error.api_error?.err_code ?? 0)
  );
}

/**
 * Runs `operation` (a JetStream API call) until JetStream answers it. A cluster without quorum
 * (nodes still starting, a majority down) answers nothing or 503 for a while; a process that
 * starts then waits for it, as one already running does, instead of failing on the first timeout.
 * Any other error is the operation's own and is thrown at once.
 */
export async function untilJetStreamAnswers<T>(
  connection: NatsConnection,
  operation: () => Promise<T>,
  options: JetStreamWaitOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let warned = false;
  const warn = (reason: string): void => {
    if (!warned) options.onWaiting?.(reason);
    warned = true;
  };
  // A request can also sit unanswered for a while without failing: say so after one poll interval.
  const slow = setTimeout(() => warn('no answer yet'), JETSTREAM_READY_POLL_MS);
  try {
    for (;;) {
      try {
        return await operation();
      } catch (error) {
        if (!isJetStreamUnavailable(error) || connection.isClosed()) throw error;
        const reason = (error as Error).message;
        if (Date.now() >= deadline) {
          throw new Error(
            `JetStream did not answer within ${options.timeoutMs} ms (last error: ${reason}): is a majority of the cluster's nodes up, and JetStream enabled?`,
            { cause: error },
          );
        }
        warn(reason);
        await new Promise((resolve) => setTimeout(resolve, JETSTREAM_READY_POLL_MS));
      }
    }
  } finally {
    clearTimeout(slow);
  }
}

/** Resolves once the JetStream cluster has a meta leader (listing streams needs one). */
export function waitForJetStream(connection: NatsConnection, options: JetStreamWaitOptions): Promise<void> {
  return untilJetStreamAnswers(
    connection,
    async () => {
      const jsm = await connection.jetstreamManager({ timeout: JETSTREAM_READY_POLL_MS });
      await jsm.streams.names().next();
    },
    options,
  );
}
