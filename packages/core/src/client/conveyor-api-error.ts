/** The request an error belongs to: method and path, without the base URL. */
export interface ApiRoute {
  method: string;
  path: string;
}

/** The Conveyor API answered with a status outside 2xx. */
export class ConveyorApiError extends Error {
  override readonly name = 'ConveyorApiError';

  constructor(
    readonly status: number,
    /** The server's own words: `error` of a JSON body, or the plain-text body of the log routes. */
    readonly serverMessage: string,
    readonly route: ApiRoute,
    /** The raw response body, for anything the message does not carry. */
    readonly body: string,
  ) {
    super(`${route.method} ${route.path} failed with HTTP ${status}: ${serverMessage || '(empty body)'}`);
  }

  /**
   * True when the object does not exist. The server answers most "not found" cases with 500 and a
   * message saying so (protocol §5), so the status alone cannot tell.
   */
  get notFound(): boolean {
    return this.status === 404 || (this.status === 500 && /not found/i.test(this.serverMessage));
  }

  /**
   * True when the server does not serve the route at all (its router's `Cannot GET /path`), as a
   * Conveyor server answers the control plane's extras such as `/runs` and `GET /pipelines/{name}`.
   */
  get routeNotServed(): boolean {
    return this.status === 404 && this.serverMessage.startsWith(`Cannot ${this.route.method} `);
  }
}

/** The API could not be reached, or did not answer in time, or the call was aborted. */
export class ConveyorConnectionError extends Error {
  override readonly name = 'ConveyorConnectionError';

  constructor(
    readonly route: ApiRoute,
    readonly url: string,
    readonly reason: 'timeout' | 'aborted' | 'network',
    options?: { cause?: unknown },
  ) {
    super(`${route.method} ${route.path} (${url}): ${describeReason(reason, options?.cause)}`, options);
  }
}

function describeReason(reason: ConveyorConnectionError['reason'], cause: unknown): string {
  if (reason === 'timeout') return 'no response before the timeout';
  if (reason === 'aborted') return 'aborted by the caller';
  return `cannot reach the Conveyor API (${innermost(cause)})`;
}

/** fetch wraps the socket error ("fetch failed" → "connect ECONNREFUSED ..."): show the useful one. */
function innermost(cause: unknown): string {
  const outer = cause as { message?: string; cause?: { message?: string; code?: string } } | undefined;
  return outer?.cause?.message || outer?.cause?.code || outer?.message || String(cause);
}
