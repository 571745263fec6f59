import type { X509Certificate } from 'node:crypto';

/** id-ce-keyUsage (2.5.29.15) as DER OID content bytes. */
const KEY_USAGE_OID = Buffer.from([0x55, 0x1d, 0x0f]);
/** keyCertSign is bit 5 of the keyUsage BIT STRING, counting from the most significant bit. */
const KEY_CERT_SIGN = 0x04;
const EXTENSIONS_TAG = 0xa3;

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/**
 * Whether `cert` may sign certificates by its keyUsage extension: true when it has none (RFC 5280
 * leaves usage unrestricted then), else whether keyCertSign is set. Node exposes no key usage bits,
 * so the extension is read from the DER; a certificate that cannot be read is not allowed.
 */
export function keyUsageAllowsCertSign(cert: X509Certificate): boolean {
  try {
    const der = cert.raw;
    const tbs = children(der, readTlv(der, 0))[0];
    const extensions = children(der, tbs).find((field) => field.tag === EXTENSIONS_TAG);
    if (!extensions) return true;
    for (const extension of children(der, children(der, extensions)[0])) {
      const [oid, ...rest] = children(der, extension);
      if (!der.subarray(oid.start, oid.end).equals(KEY_USAGE_OID)) continue;
      const value = rest[rest.length - 1];
      const bits = readTlv(der, value.start);
      // BIT STRING content: one byte of unused-bit count, then the bits.
      return bits.end - bits.start >= 2 && (der[bits.start + 1] & KEY_CERT_SIGN) !== 0;
    }
    return true;
  } catch {
    return false;
  }
}

function readTlv(der: Buffer, offset: number): Tlv {
  if (offset + 2 > der.length) throw new RangeError('truncated DER');
  const tag = der[offset];
  let length = der[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new RangeError('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start++];
  }
  const end = start + length;
  if (end > der.length) throw new RangeError('truncated DER');
  return { tag, start, end };
}

function children(der: Buffer, parent: Tlv): Tlv[] {
  const found: Tlv[] = [];
  for (let offset = parent.start; offset < parent.end;) {
    const child = readTlv(der, offset);
    found.push(child);
    offset = child.end;
  }
  return found;
}
