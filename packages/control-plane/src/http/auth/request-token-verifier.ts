import { createHash, timingSafeEqual, type X509Certificate } from 'node:crypto';
import { verifiedLeaf } from './certificate-chain';
import { verifyTokenSignature } from './token-algorithm';

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
 * order and with its 401 messages: `x5c` chain to the CA (Go's x509 rules), `cnf` thumbprint of the
 * leaf, signature by the leaf's key with an algorithm of its key type, then `exp` and `iat` with no
 * leeway. Never throws: anything wrong with a token is 'invalid token'. Returns the problem, or undefined for a good token.
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
    const leaf = verifiedLeaf(header.x5c, this.ca, nowSeconds * 1000);
    if (!leaf || !this.boundTo(leaf, claims)) return 'invalid token';
    const signature = decodeBase64Url(signaturePart);
    if (
      !signature ||
      !verifyTokenSignature(header.alg, leaf.publicKey, `${headerPart}.${claimsPart}`, signature)
    ) {
      return 'invalid token';
    }
    if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') return 'invalid token';
    if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds) return 'invalid token';
    if (claims.exp < nowSeconds) return 'token expired';
    if (claims.iat > nowSeconds) return 'token issued in the future';
    return undefined;
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
  const bytes = decodeBase64Url(part);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Base64url without padding, in its one canonical spelling: Node (like Go's lax decoder) would
 * ignore stray characters and a last character's unused bits, so two spellings could carry one
 * token; only the one a signer produces is taken, and any other change of a token is refused.
 */
function decodeBase64Url(part: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return undefined;
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : undefined;
}
