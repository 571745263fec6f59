import {
  isLogFrameFormat,
  LOG_FRAME_FORMAT_PARAM,
  LOG_FRAME_FORMATS,
  LOG_FRAME_SUBPROTOCOLS,
  toLegacyLogFrame,
  type LogFrameFormat,
} from '@conveyor-ts/core';
import type { LogFeedItem } from '../../logs/log-feed';
import { HttpError } from '../http-error';

/**
 * The frame format a client asked for: `?format=` first, then the first known subprotocol it
 * offers, then the route's default. An unknown `format` is a 400 naming the known ones.
 */
export function chooseFrameFormat(
  query: URLSearchParams,
  offered: readonly string[],
  routeDefault: LogFrameFormat,
): LogFrameFormat {
  const asked = query.get(LOG_FRAME_FORMAT_PARAM);
  if (asked !== null) {
    if (isLogFrameFormat(asked)) return asked;
    throw new HttpError(
      400,
      `unknown ${LOG_FRAME_FORMAT_PARAM} "${asked}": use one of ${LOG_FRAME_FORMATS.join(', ')}`,
      'text',
    );
  }
  return LOG_FRAME_FORMATS.find((format) => offered.includes(LOG_FRAME_SUBPROTOCOLS[format])) ?? routeDefault;
}

/** One text frame; undefined for a live payload that is not a Log, which has no legacy form. */
export function encodeFrame(item: LogFeedItem, format: LogFrameFormat): string | undefined {
  if (format === 'log') return item.json;
  return item.entry && JSON.stringify(toLegacyLogFrame(item.entry));
}
