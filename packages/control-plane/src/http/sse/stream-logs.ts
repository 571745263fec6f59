import { isSubjectToken, toWireLogEntry, type LogEntry } from '@conveyor-ts/core';
import { SSE_HEARTBEAT_MS } from '../../constants';
import type { Services } from '../../services';
import { HttpError } from '../http-error';
import type { RequestContext } from '../request-context';

/**
 * The SSE log streams (protocol §5): stored entries of the run (one driver's, or all), then live
 * entries forwarded verbatim, a `: heartbeat` comment every 15 s, never an end. Unlike the server it
 * subscribes before replaying, so nothing falls into the gap, and skips live copies of replayed entries.
 */
export async function streamLogs(
  services: Services,
  ctx: RequestContext,
  runid: string,
  driver?: string,
): Promise<void> {
  for (const [what, value] of [
    ['run id', runid],
    ['driver name', driver],
  ] as const) {
    if (value !== undefined && !isSubjectToken(value))
      throw new HttpError(400, `invalid ${what} "${value}"`, 'text');
  }
  const live = services.live.subscribe(runid, driver);
  const { res } = ctx;
  let closed = false;
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), SSE_HEARTBEAT_MS);
  const close = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    live.close();
  };
  ctx.req.on('close', close);
  res.on('close', close);
  try {
    const stored = await services.logs.query({ runid, driver });
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const replayed = new Map<string, number>();
    for (const entry of stored) {
      const text = JSON.stringify(toWireLogEntry(entry));
      replayed.set(text, (replayed.get(text) ?? 0) + 1);
      res.write(`data: ${text}\n\n`);
    }
    for await (const payload of live) {
      const key = normalized(payload);
      const seen = key === undefined ? 0 : (replayed.get(key) ?? 0);
      if (seen > 0) {
        replayed.set(key as string, seen - 1);
        continue;
      }
      res.write(`data: ${payload}\n\n`);
    }
  } finally {
    close();
  }
}

function normalized(payload: string): string | undefined {
  try {
    return JSON.stringify(toWireLogEntry(JSON.parse(payload) as LogEntry));
  } catch {
    return undefined;
  }
}
