/** What an authorizer sees of an outgoing request. */
export interface OutgoingRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  headers: Record<string, string>;
}

/**
 * Adds credentials to each request, for example `Authorization: Bearer <jwt>` with the fresh,
 * certificate-bound token the Conveyor server expects when auth is on (protocol §6.1). Called once per
 * request (tokens are short-lived); returns the headers to add.
 */
export type RequestAuthorizer = (
  request: OutgoingRequest,
) => Record<string, string> | Promise<Record<string, string>>;
