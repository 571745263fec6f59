import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request as a route handler sees it. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** Path parameters, URL-decoded. */
  params: Record<string, string>;
  /** Query parameters (the first value of each). */
  query: Record<string, string>;
  /** Largest body the request may carry: what NATS can publish, at most Fiber's limit. */
  bodyLimit: number;
}

export type RouteHandler = (ctx: RequestContext) => Promise<void>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** For example `/resources/:type/:name`. */
  path: string;
  handle: RouteHandler;
}
