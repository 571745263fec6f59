import {
  LOG_FOLLOW_RECONNECT_ATTEMPTS,
  LOG_FOLLOW_RECONNECT_DELAY_MS,
  LOG_FOLLOW_RECONNECT_MAX_DELAY_MS,
} from '../constants';
import { toWireLogEntry } from '../protocol/encode';
import type { LogEntry } from '../protocol/model/log-entry';
import { ConveyorApiError } from './conveyor-api-error';
import type { ReconnectOptions } from './follow-logs-options';

/**
 * Follows a log stream across reconnects. Each connection replays the run's stored entries before
 * live ones, so every connection after the first skips as many copies of an entry as were already
 * yielded (entries have no id; all five fields are the identity) and yields the rest: nothing twice,
 * nothing lost. Memory grows with the entries yielded, one key each. Refusals (4xx) are not retried.
 */
export async function* resumingFollow(
  connect: () => AsyncGenerator<LogEntry>,
  options: ReconnectOptions,
  signal: AbortSignal | undefined,
): AsyncGenerator<LogEntry> {
  const yielded = new Map<string, number>();
  const attempts = options.attempts ?? LOG_FOLLOW_RECONNECT_ATTEMPTS;
  let failures = 0;
  for (;;) {
    const already = new Map(yielded);
    let received = false;
    try {
      for await (const entry of connect()) {
        received = true;
        failures = 0;
        const key = JSON.stringify(toWireLogEntry(entry));
        const copies = already.get(key) ?? 0;
        if (copies > 0) {
          already.set(key, copies - 1);
          continue;
        }
        yielded.set(key, (yielded.get(key) ?? 0) + 1);
        yield entry;
      }
      if (!received) failures++;
    } catch (error) {
      if (signal?.aborted) return;
      if (error instanceof ConveyorApiError && error.status < 500) throw error;
      if (++failures >= attempts) throw error;
    }
    if (signal?.aborted) return;
    if (failures >= attempts) return;
    await pause(reconnectDelay(options, failures), signal);
  }
}

function reconnectDelay(options: ReconnectOptions, failures: number): number {
  const first = options.delayMs ?? LOG_FOLLOW_RECONNECT_DELAY_MS;
  return Math.min(
    first * 2 ** Math.max(0, failures - 1),
    options.maxDelayMs ?? LOG_FOLLOW_RECONNECT_MAX_DELAY_MS,
  );
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
