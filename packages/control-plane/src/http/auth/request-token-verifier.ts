import { constants, createHash, timingSafeEqual, verify, X509Certificate } from 'node:crypto';

/** The server's algorithm allow-list (Ed25519 is not on it), with each one's digest. */
const ALGORITHMS: Record<string, { digest: string; pss?: true }> = {
  RS256: { digest: 'sha256' },
  PS256: { digest: 'sha256', pss: true },
  ES256: { digest: 'sha256' },
  ES384: { digest: 'sha384' },
  ES512: { digest: 'sha512' },
};
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

interface TokenHeader {
  alg?: unknown;
  x5c?: unknown;
}

interface TokenClaims {
  iat?: unknown;
  exp?: unknown;
  nbf?: unknown;
  cnf?: Record<string, unknown>;
}

/**
 * The Conveyor server's certificate-bound JWT check (protocol §6.1, `auth/middleware.go`), in its
 * order and with its 401 messages: `x5c` chain to the CA (serverAuth usage, as Go's verifier
 * defaults to), `cnf` thumbprint of the leaf, signature by the leaf's key, then `exp` and `iat` with
 * no leeway. Returns the problem, or undefined for a good token.
 */
export class RequestTokenVerifier {
  constructor(private readonly ca: X509Certificate) {}

  check(authorization: string | undefined, nowSeconds: number): string | undefined {
    if (!authorization) return 'missing Authorization header';
    const match = /^bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return 'invalid Authorization header format';
    const parts = match[1].split('.');
    if (parts.length !== 3) return 'invalid token';
    const [headerPart, claimsPart, signaturePart] = parts;
    const header = decodeSegment<TokenHeader>(headerPart);
    const claims = decodeSegment<TokenClaims>(claimsPart);
    if (!header || !claims) return 'invalid token';
    const leaf = this.verifiedLeaf(header.x5c, nowSeconds);
    if (!leaf || !this.boundTo(leaf, claims)) return 'invalid token';
    const algorithm = typeof header.alg === 'string' ? ALGORITHMS[header.alg] : undefined;
    if (!algorithm) return 'invalid token';
    const signed = verify(
      algorithm.digest,
      Buffer.from(`${headerPart}.${claimsPart}`),
      {
        key: leaf.publicKey,
        dsaEncoding: 'ieee-p1363',
        ...(algorithm.pss ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : {}),
      },
      Buffer.from(signaturePart, 'base64url'),
    );
    if (!signed) return 'invalid token';
    if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') return 'invalid token';
    if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds) return 'invalid token';
    if (claims.exp < nowSeconds) return 'token expired';
    if (claims.iat > nowSeconds) return 'token issued in the future';
    return undefined;
  }

  /** The leaf of `x5c` (standard base64 DER, leaf first) once its chain reaches the CA, else undefined. */
  private verifiedLeaf(x5c: unknown, nowSeconds: number): X509Certificate | undefined {
    if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((c) => typeof c === 'string')) return undefined;
    let chain: X509Certificate[];
    try {
      chain = x5c.map((der: string) => new X509Certificate(Buffer.from(der, 'base64')));
    } catch {
      return undefined;
    }
    const now = nowSeconds * 1000;
    for (let i = 0; i < chain.length; i++) {
      const cert = chain[i];
      const issuer = chain[i + 1] ?? this.ca;
      if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) return undefined;
      if (Date.parse(cert.validFrom) > now || Date.parse(cert.validTo) < now) return undefined;
    }
    const [leaf] = chain;
    // No extended key usage at all passes; a list without serverAuth (clientAuth only) does not.
    if (leaf.keyUsage && !leaf.keyUsage.includes(SERVER_AUTH)) return undefined;
    return leaf;
  }

  private boundTo(leaf: X509Certificate, claims: TokenClaims): boolean {
    const bound = claims.cnf?.['x5t#S256'] ?? claims.cnf?.jkt;
    if (typeof bound !== 'string') return false;
    const thumbprint = Buffer.from(createHash('sha256').update(leaf.raw).digest('base64url'));
    const claimed = Buffer.from(bound);
    return claimed.length === thumbprint.length && timingSafeEqual(claimed, thumbprint);
  }
}

function decodeSegment<T>(part: string): T | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
