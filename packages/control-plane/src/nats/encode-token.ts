const SAFE = /^[A-Za-z0-9_-]+$/;

/**
 * Turns any name into one token usable in a KV key or subject. Names that are already safe stay
 * readable (`nats kv ls` shows them as they are); anything else becomes `=` + base64url, which no safe
 * name can start with, so two names never share a token.
 */
export function encodeToken(name: string): string {
  return SAFE.test(name) ? name : `=${Buffer.from(name, 'utf8').toString('base64url')}`;
}
