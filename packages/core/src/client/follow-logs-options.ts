import type { CallOptions } from './call-options';

/**
 * How a log stream is carried: `sse` (servers v0.5.0+ and the local control plane) or `websocket`
 * (the local control plane; servers v0.2.0–v0.4.1 on the per-driver route, with `[ts,msg]` frames).
 */
export type LogTransport = 'sse' | 'websocket';

export interface ReconnectOptions {
  /** First pause before reconnecting (default 500 ms); it doubles up to `maxDelayMs` (default 5 s). */
  delayMs?: number;
  maxDelayMs?: number;
  /** Failed attempts in a row before the follow gives up with the last error (default 10). */
  attempts?: number;
}

export interface FollowLogsOptions extends CallOptions {
  /** Default `sse`, what every current server serves. */
  transport?: LogTransport;
  /**
   * Reconnect when the stream breaks or the server closes it, resuming where it was: entries
   * already yielded are not yielded again and none are skipped. Off by default: the stream then
   * ends (or throws) with the connection.
   */
  reconnect?: boolean | ReconnectOptions;
}
