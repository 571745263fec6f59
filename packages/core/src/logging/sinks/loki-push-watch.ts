import diagnosticsChannel from 'node:diagnostics_channel';

interface UndiciHeadersMessage {
  request: { origin: string; path: string };
  response: { statusCode: number };
}

/**
 * pino-loki swallows the outcome of its pushes, so the Loki sink learns it from Node's `fetch`
 * (undici) diagnostics channel: a push succeeded only if a 2xx answer to the push URL was seen
 * while it ran. No answer at all (refused, reset, timed out) counts as a failure.
 */
export class LokiPushWatch {
  private succeeded = false;
  private readonly listener = (message: unknown): void => {
    const { request, response } = message as UndiciHeadersMessage;
    if (request.origin + request.path === this.pushUrl && response.statusCode < 300) this.succeeded = true;
  };

  constructor(private readonly pushUrl: string) {}

  /** Runs `push` and tells whether Loki accepted it. */
  async watch(push: () => Promise<void>): Promise<boolean> {
    this.succeeded = false;
    diagnosticsChannel.subscribe('undici:request:headers', this.listener);
    try {
      await push();
      return this.succeeded;
    } finally {
      diagnosticsChannel.unsubscribe('undici:request:headers', this.listener);
    }
  }
}
