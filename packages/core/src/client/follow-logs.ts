import type { LogEntry } from '../protocol/model/log-entry';
import type { ApiHttp } from './api-http';
import type { CallOptions } from './call-options';
import type { FollowLogsOptions } from './follow-logs-options';
import { socketLogEntries } from './log-socket';
import { logEntries } from './log-stream';
import { resumingFollow } from './resuming-follow';

/** A log stream route, with the run and driver that legacy `[ts,msg]` frames leave out. */
export interface LogStreamRoute {
  path: string;
  runid: string;
  driver?: string;
}

/** A log stream over the chosen transport, resumed across reconnects when asked. */
export function followLogs(
  http: ApiHttp,
  route: LogStreamRoute,
  options: FollowLogsOptions = {},
): AsyncGenerator<LogEntry> {
  const { transport = 'sse', reconnect, ...call } = options;
  const connect =
    transport === 'websocket' ? () => followSocket(http, route, call) : () => followSse(http, route, call);
  if (!reconnect) return connect();
  return resumingFollow(connect, reconnect === true ? {} : reconnect, call.signal);
}

async function* followSse(
  http: ApiHttp,
  route: LogStreamRoute,
  options: CallOptions,
): AsyncGenerator<LogEntry> {
  const open = await http.open({ method: 'GET', path: route.path, accept: 'text/event-stream', ...options });
  yield* logEntries(open, options.signal);
}

async function* followSocket(
  http: ApiHttp,
  route: LogStreamRoute,
  options: CallOptions,
): AsyncGenerator<LogEntry> {
  const { path, runid, driver } = route;
  const { url, headers, timeoutMs } = await http.prepare({ method: 'GET', path, ...options });
  yield* socketLogEntries({
    url,
    headers,
    timeoutMs,
    route: { method: 'GET', path },
    signal: options.signal,
    runid,
    driver,
  });
}
