import type { LogEntry } from '../protocol/model/log-entry';

/** A Log JSON object, extra keys kept; undefined for anything else (live entries are forwarded raw). */
export function parseLogObject(data: string): LogEntry | undefined {
  const value = parseJson(data);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as LogEntry) : undefined;
}

/**
 * A WebSocket frame: a Log object, or the `["<unix-seconds>","<message>"]` array of servers up to
 * v0.4.1, which carries neither run nor driver, so they come from the route.
 */
export function parseLogFrame(data: string, route: { runid: string; driver?: string }): LogEntry | undefined {
  const value = parseJson(data);
  if (Array.isArray(value)) {
    const [timestamp, message] = value as unknown[];
    if (value.length !== 2 || typeof timestamp !== 'string' || typeof message !== 'string') return undefined;
    return { runid: route.runid, driver: route.driver ?? '', pipeline: '', timestamp, message };
  }
  return parseLogObject(data);
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
