import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RequestTokenVerifier } from './request-token-verifier';

/** Paths the server lets through without a token; a prefix match, so `/healthz` passes too (§6.1). */
const OPEN_PREFIXES = ['/health', '/swagger', '/metrics'];

/** Decides one request: the 401 message, or undefined to let it through. */
export type RequestAuthenticator = (path: string, authorization: string | undefined) => string | undefined;

/** The server's auth middleware for a CA file; `now` is the server's clock (ms). */
export function authenticateWithCa(caFile: string, now: () => number = Date.now): RequestAuthenticator {
  let ca: X509Certificate;
  try {
    ca = new X509Certificate(readFileSync(caFile));
  } catch (error) {
    throw new Error(`cannot read the CA certificate ${caFile}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const verifier = new RequestTokenVerifier(ca);
  return (path, authorization) =>
    OPEN_PREFIXES.some((prefix) => path.startsWith(prefix))
      ? undefined
      : verifier.check(authorization, Math.floor(now() / 1000));
}
