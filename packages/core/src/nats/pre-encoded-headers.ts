import type { MsgHdrs } from 'nats';

/**
 * Message headers in their wire form, `NATS/1.0\r\n<key>: <value>\r\n...\r\n`, built once: nats.js's
 * `MsgHdrs` keeps a map of arrays, checks every key and value again and builds the same string for
 * each message. Keys are the framework's own; values are checked as nats.js checks them.
 */
export function headerBlock(values: Iterable<readonly [string, string]>): Buffer {
  let text = 'NATS/1.0';
  for (const [key, value] of values) {
    if (/[\r\n]/.test(value)) throw new Error(`header ${key}: a value must not contain CR or LF`);
    text += `\r\n${key}: ${value.trim()}`;
  }
  // Buffer.from encodes short strings faster than a TextEncoder.
  return Buffer.from(`${text}\r\n\r\n`, 'utf8');
}

/**
 * `headerBlock` as the `MsgHdrs` a nats.js publish takes: `publish()` only calls `encode()` on the
 * headers it is given (nats.js 2.x protocol handler); the integration tests' dedupe and trace checks
 * would fail if that changed.
 */
export function preEncodedHeaders(values: ReadonlyArray<readonly [string, string]>): MsgHdrs {
  return asMsgHdrs(headerBlock(values));
}

/** A header block as the `MsgHdrs` a nats.js publish takes. */
export function asMsgHdrs(block: Uint8Array): MsgHdrs {
  return { encode: () => block } as unknown as MsgHdrs;
}
