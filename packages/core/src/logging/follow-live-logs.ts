import type { MessageSubscription, NatsTransport } from '../nats/transport';
import type { LogEntry } from '../protocol/model/log-entry';
import { Subjects } from '../protocol/subjects';
import { decodeLogEntry } from './decode-log-entry';

export interface FollowLiveLogsOptions {
  /** Only this driver's entries (`live.logs.<run_id>.<driver>`); default every driver's. */
  driver?: string;
  /** Ends the iteration when aborted. */
  signal?: AbortSignal;
  /** Called with entries that are not Log JSON (they are skipped, so one bad publisher cannot end the follow). */
  onMalformed?: (error: Error, subject: string) => void;
}

/** The live entries of a run, as they are published; `close()` (or the signal) ends the iteration. */
export interface LiveLogFollower extends AsyncIterable<LogEntry> {
  close(): void;
}

/**
 * Follows a run's logs live from core NATS (`live.logs.<run_id>.*`). Only entries published after
 * the subscription starts are seen. To follow a run through the API (stored entries, then live
 * ones, over SSE or WebSocket, with resume) use `ConveyorClient.followRunLogs`.
 */
export function followLiveLogs(
  transport: NatsTransport,
  runId: string,
  options: FollowLiveLogsOptions = {},
): LiveLogFollower {
  const subject = options.driver ? Subjects.liveLogs(runId, options.driver) : Subjects.liveLogsOfRun(runId);
  const subscription: MessageSubscription = transport.subscribe(subject);
  const close = (): void => subscription.close();
  if (options.signal?.aborted) close();
  options.signal?.addEventListener('abort', close, { once: true });
  return {
    close,
    async *[Symbol.asyncIterator]() {
      try {
        for await (const message of subscription) {
          try {
            yield decodeLogEntry(message.data);
          } catch (error) {
            options.onMalformed?.(error as Error, message.subject);
          }
        }
      } finally {
        options.signal?.removeEventListener('abort', close);
        close();
      }
    },
  };
}
