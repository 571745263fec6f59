import type { LogEntry } from './model/log-entry';

/**
 * The frame formats of the WebSocket log streams: `log` is one Log JSON object per frame (what the
 * SSE streams carry since v0.5.0); `legacy` is the `["<unix-seconds>","<message>"]` array the
 * WebSocket streams of servers up to v0.4.1 sent.
 */
export type LogFrameFormat = 'log' | 'legacy';

export const LOG_FRAME_FORMATS: readonly LogFrameFormat[] = ['log', 'legacy'];

/** The query parameter that picks the frame format (`?format=legacy`). */
export const LOG_FRAME_FORMAT_PARAM = 'format';

/** The WebSocket subprotocol that asks for each frame format, the alternative to the query parameter. */
export const LOG_FRAME_SUBPROTOCOLS: Readonly<Record<LogFrameFormat, string>> = {
  log: 'conveyor.log',
  legacy: 'conveyor.log.legacy',
};

export function isLogFrameFormat(value: string): value is LogFrameFormat {
  return (LOG_FRAME_FORMATS as readonly string[]).includes(value);
}

/** A legacy frame: Unix seconds as the old runtimes sent them; a timestamp that is no date is kept as is. */
export function toLegacyLogFrame(entry: Pick<LogEntry, 'timestamp' | 'message'>): [string, string] {
  return [legacySeconds(entry.timestamp), entry.message];
}

function legacySeconds(timestamp: string): string {
  if (/^\d+$/.test(timestamp)) return timestamp;
  const millis = Date.parse(timestamp);
  return Number.isNaN(millis) ? timestamp : String(Math.floor(millis / 1000));
}
