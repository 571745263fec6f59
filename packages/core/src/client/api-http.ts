import { ConveyorApiError, ConveyorConnectionError, type ApiRoute } from './conveyor-api-error';
import type { CallOptions } from './call-options';
import type { RequestAuthorizer } from './request-authorizer';
import { serverMessage } from './server-message';

export interface ApiRequest extends CallOptions {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  accept?: string;
}

export interface ApiHttpOptions {
  baseUrl: string;
  timeoutMs: number;
  authorize?: RequestAuthorizer;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** An open response plus the means to release its timeout and abort wiring. */
export interface OpenResponse {
  response: Response;
  route: ApiRoute;
  /** Stops the timeout and unhooks the caller's signal; call when done with the body. */
  release(): void;
  /** Why reading the body failed: the timeout, the caller's signal, or the network. */
  failure(error: unknown): ConveyorConnectionError;
}

/**
 * One HTTP exchange with the Conveyor API: URL building, JSON body with `Content-Type`, per-request
 * authorization, timeout and AbortSignal, and errors that name the route and carry the server's message.
 */
export class ApiHttp {
  constructor(private readonly options: ApiHttpOptions) {}

  /** Sends the request and reads the whole body as text (empty for 204). */
  async send(request: ApiRequest): Promise<{ status: number; text: string }> {
    const open = await this.open(request, true);
    try {
      const text = await open.response.text().catch((error: unknown) => {
        throw open.failure(error);
      });
      return { status: open.response.status, text };
    } finally {
      open.release();
    }
  }

  /**
   * Sends the request and returns the response once its headers arrived and its status is 2xx. The
   * timeout covers the body too when `timeBody` is set; a stream's body is read at its own pace.
   */
  async open(request: ApiRequest, timeBody = false): Promise<OpenResponse> {
    const route = { method: request.method, path: request.path };
    const url = this.url(request);
    const controller = new AbortController();
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => controller.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) controller.abort();
    const release = (): void => {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    };
    const failure = (error: unknown): ConveyorConnectionError =>
      new ConveyorConnectionError(
        route,
        url,
        timedOut ? 'timeout' : request.signal?.aborted ? 'aborted' : 'network',
        { cause: error },
      );
    try {
      const headers = await this.headers(request, url);
      const response = await (this.options.fetch ?? fetch)(url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: controller.signal,
      });
      if (!response.ok) {
        const body = await response.text().catch(() => '');
        throw new ConveyorApiError(response.status, serverMessage(body), route, body);
      }
      if (!timeBody) clearTimeout(timer);
      return { response, route, release, failure };
    } catch (error) {
      release();
      throw error instanceof ConveyorApiError ? error : failure(error);
    }
  }

  /** The absolute URL, headers (credentials included) and timeout of a request, for transports other than fetch. */
  async prepare(
    request: ApiRequest,
  ): Promise<{ url: string; headers: Record<string, string>; timeoutMs: number }> {
    const url = this.url(request);
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs;
    return { url, headers: await this.headers(request, url), timeoutMs };
  }

  private url(request: ApiRequest): string {
    const url = new URL(this.options.baseUrl.replace(/\/+$/, '') + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    return url.toString();
  }

  private async headers(request: ApiRequest, url: string): Promise<Record<string, string>> {
    const headers: Record<string, string> = {
      accept: request.accept ?? 'application/json',
      ...this.options.headers,
    };
    // The server's body parser rejects a body without this header with 400 (protocol §5).
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const extra = await this.options.authorize?.({ method: request.method, url, headers: { ...headers } });
    return { ...headers, ...extra };
  }
}
