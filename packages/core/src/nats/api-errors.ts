import { NatsError } from 'nats';

/** JetStream API error codes the runtime reacts to (nats-server `errors.json`). */
export const JsErrorCode = {
  streamNotFound: 10059,
  consumerNotFound: 10014,
} as const;

/** The JetStream API error code carried by an error, if any. */
export function jsErrorCode(error: unknown): number | undefined {
  return error instanceof NatsError ? error.api_error?.err_code : undefined;
}
