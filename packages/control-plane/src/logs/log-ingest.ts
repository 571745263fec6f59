import type { LogEntry } from '@conveyor-ts/core';
import type { LogStore } from '../storage/log-store';
import { decodeLog } from '../wire/decode-bodies';

/**
 * Stores one message of `logs.<runid>` as the server's logs-engine does, then tells `stored` (progress
 * lines update the run). A message that is not a log entry cannot be stored and is dropped with a
 * warning (retrying would not make it one).
 */
export async function ingestLog(
  store: LogStore,
  data: Uint8Array,
  warn: (message: string) => void,
  stored: (entry: LogEntry) => Promise<void> = async () => undefined,
): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch (error) {
    warn(`dropped a log message that is not JSON: ${(error as Error).message}`);
    return;
  }
  const decoded = decodeLog(body);
  if ('problem' in decoded) {
    warn(`dropped a malformed log message: ${decoded.problem}`);
    return;
  }
  await store.append(decoded.value);
  await stored(decoded.value);
}
