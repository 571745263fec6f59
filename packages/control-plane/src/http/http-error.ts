/**
 * A failed request, answered the way the Go server answers it: `{"error": message}` from the
 * resource, definition and pipeline handlers, plain text from the log handlers and the router.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly format: 'json' | 'text' = 'json',
  ) {
    super(message);
  }
}

/** The server's answer to a body it cannot decode into the handler's struct. */
export const invalidPayload = (): HttpError => new HttpError(400, 'Invalid request payload');
