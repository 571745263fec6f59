import type { MsgHdrs } from 'nats';

/**
 * Message headers encoded once, straight to their wire form, for a publish: nats.js's `MsgHdrs`
 * keeps a map of arrays, checks every key and value again and builds the same string, and a
 * result publish pays that for each message. `publish()` only calls `encode()` on the headers it
 * is given (nats.js 2.x protocol handler); the integration tests' dedupe and trace checks would
 * fail if that changed. Keys are the framework's own; values are checked as nats.js checks them.
 */
export function preEncodedHeaders(values: ReadonlyArray<readonly [string, string]>): MsgHdrs {
  let text = 'NATS/1.0';
  for (const [key, value] of values) {
    if (/[\r\n]/.test(value)) throw new Error(`header ${key}: a value must not contain CR or LF`);
    text += `\r\n${key}: ${value.trim()}`;
  }
  // Buffer.from encodes short strings faster than a TextEncoder.
  const bytes = Buffer.from(`${text}\r\n\r\n`, 'utf8');
  return { encode: () => bytes } as unknown as MsgHdrs;
}
