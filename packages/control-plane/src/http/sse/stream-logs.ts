import { SSE_HEARTBEAT_MS } from '../../constants';
import type { LogFeed } from '../../logs/log-feed';
import type { RequestContext } from '../request-context';

/**
 * A log feed as server-sent events (protocol §5): headers at once, then `data: <Log JSON>` per entry,
 * a `: heartbeat` comment every 15 s, never an end. A client that stops reading is waited for (the
 * feed's bounded buffer takes the overflow), so its stream never holds more than one write unsent.
 */
export async function streamLogs(ctx: RequestContext, feed: LogFeed): Promise<void> {
  const { req, res } = ctx;
  const heartbeat = setInterval(() => {
    if (!res.writableNeedDrain) res.write(': heartbeat\n\n');
  }, SSE_HEARTBEAT_MS);
  const closed = new Promise<void>((resolve) => {
    const close = (): void => {
      clearInterval(heartbeat);
      feed.close();
      resolve();
    };
    req.on('close', close);
    res.on('close', close);
  });
  // The client may have gone while the feed was opening: then no close event is coming.
  if (req.socket.destroyed) feed.close();
  try {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    // Node sends headers with the first body write; a quiet run would show nothing until a heartbeat.
    res.flushHeaders();
    for await (const item of feed) {
      if (!res.write(`data: ${item.json}\n\n`)) {
        await Promise.race([new Promise((resolve) => res.once('drain', resolve)), closed]);
      }
    }
  } finally {
    clearInterval(heartbeat);
    feed.close();
    res.end();
  }
}
