import type { LogEntry } from '../protocol/model/log-entry';
import type { OpenResponse } from './api-http';
import { parseLogObject } from './log-frame';
import { sseEvents } from './sse-events';

/**
 * The log entries of an open SSE response. Live entries are forwarded raw by the server, so an event
 * that is not a JSON object is skipped rather than ending the stream; extra keys are kept.
 */
export async function* logEntries(open: OpenResponse, signal?: AbortSignal): AsyncGenerator<LogEntry> {
  const body = open.response.body;
  if (!body) return;
  try {
    for await (const data of sseEvents(body as unknown as AsyncIterable<Uint8Array>)) {
      const entry = parseLogObject(data);
      if (entry) yield entry;
    }
  } catch (error) {
    if (signal?.aborted) return; // The caller ended the stream: not a failure.
    throw open.failure(error);
  } finally {
    open.release();
    await body.cancel().catch(() => undefined);
  }
}
