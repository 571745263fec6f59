import { X509Certificate } from 'node:crypto';
import { keyUsageAllowsCertSign } from './certificate-key-usage';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

/**
 * The leaf of `x5c` (standard base64 DER, leaf first) once it chains to `ca` with Go's x509 rules,
 * else undefined: each certificate issued and signed by the next (the last by `ca`) and valid at
 * `nowMs`; every intermediate a CA (basicConstraints CA:TRUE, keyCertSign when keyUsage is present);
 * the leaf's extended key usage, when present, includes serverAuth (Go's default).
 */
export function verifiedLeaf(x5c: unknown, ca: X509Certificate, nowMs: number): X509Certificate | undefined {
  if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((c) => typeof c === 'string')) return undefined;
  try {
    const chain = x5c.map((der: string) => new X509Certificate(Buffer.from(der, 'base64')));
    for (let i = 0; i < chain.length; i++) {
      const cert = chain[i];
      const issuer = chain[i + 1] ?? ca;
      if (issuer !== ca && !mayIssue(issuer)) return undefined;
      if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) return undefined;
      if (Date.parse(cert.validFrom) > nowMs || Date.parse(cert.validTo) < nowMs) return undefined;
    }
    const [leaf] = chain;
    // No extended key usage at all passes; a list without serverAuth (clientAuth only) does not.
    if (leaf.keyUsage && !leaf.keyUsage.includes(SERVER_AUTH)) return undefined;
    return leaf;
  } catch {
    // Unparsable DER, or a key OpenSSL cannot verify with: not a chain to the CA.
    return undefined;
  }
}

/** An intermediate must be a CA allowed to sign certificates (the configured CA is the trust anchor). */
function mayIssue(cert: X509Certificate): boolean {
  return cert.ca && keyUsageAllowsCertSign(cert);
}
