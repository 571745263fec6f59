import { isSubjectToken } from '@conveyor-ts/core';
import { LOG_STREAM_BUFFER_ENTRIES } from '../constants';
import { LogFeed } from '../logs/log-feed';
import type { Services } from '../services';
import { HttpError } from './http-error';

/** Where the log streams report what they drop. */
export type StreamWarn = (message: string) => void;

/**
 * The feed behind a log stream route, SSE or WebSocket. Names become NATS subject tokens, so one
 * that is not a token is refused (400, plain text like the log routes) before anything subscribes.
 */
export function openLogFeed(
  services: Services,
  warn: StreamWarn,
  runid: string,
  driver: string | undefined,
): Promise<LogFeed> {
  for (const [what, value] of [
    ['run id', runid],
    ['driver name', driver],
  ] as const) {
    if (value !== undefined && !isSubjectToken(value))
      throw new HttpError(400, `invalid ${what} "${value}"`, 'text');
  }
  return LogFeed.open(services, { runid, driver, bufferEntries: LOG_STREAM_BUFFER_ENTRIES, warn });
}
