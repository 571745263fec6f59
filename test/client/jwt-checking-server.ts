import { createHash, timingSafeEqual, verify, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const ALLOWED = {
  RS256: 'sha256',
  PS256: 'sha256',
  ES256: 'sha256',
  ES384: 'sha384',
  ES512: 'sha512',
} as const;
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const EXEMPT = ['/health', '/swagger', '/metrics'];

/**
 * The Conveyor server's auth middleware (protocol §6.1, `internal/config/auth/middleware.go`), step
 * by step, with its 401 messages: an independent check of what the client sends. `nowSeconds` is the
 * server's clock.
 */
export function checkRequestToken(
  authorization: string | undefined,
  ca: X509Certificate,
  nowSeconds: number,
): string | undefined {
  if (!authorization) return 'missing Authorization header';
  const match = /^bearer (.+)$/i.exec(authorization);
  if (!match) return 'invalid Authorization header format';
  const parts = match[1].split('.');
  if (parts.length !== 3) return 'invalid token';
  const [headerPart, claimsPart, signaturePart] = parts;
  const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString()) as {
    alg: keyof typeof ALLOWED;
    x5c?: unknown;
  };
  const claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString()) as {
    iat: number;
    exp: number;
    cnf?: Record<string, string>;
  };
  if (!Array.isArray(header.x5c) || !header.x5c.every((c) => typeof c === 'string')) return 'invalid token';
  // Standard base64 with padding: a base64url certificate does not decode to the same DER here.
  const chain = header.x5c.map((der: string) => new X509Certificate(Buffer.from(der, 'base64')));
  const [leaf] = chain;
  for (let i = 0; i < chain.length; i++) {
    const issuer = chain[i + 1] ?? ca;
    if (!chain[i].checkIssued(issuer) || !chain[i].verify(issuer.publicKey)) return 'invalid token';
    if (Date.parse(chain[i].validTo) < nowSeconds * 1000) return 'invalid token';
  }
  if (leaf.keyUsage && !leaf.keyUsage.includes(SERVER_AUTH)) return 'invalid token';
  const thumbprint = createHash('sha256').update(leaf.raw).digest('base64url');
  const bound = claims.cnf?.['x5t#S256'] ?? claims.cnf?.jkt;
  if (
    !bound ||
    bound.length !== thumbprint.length ||
    !timingSafeEqual(Buffer.from(bound), Buffer.from(thumbprint))
  )
    return 'invalid token';
  if (!(header.alg in ALLOWED)) return 'invalid token';
  const signed = verify(
    ALLOWED[header.alg],
    Buffer.from(`${headerPart}.${claimsPart}`),
    { key: leaf.publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signaturePart, 'base64url'),
  );
  if (!signed) return 'invalid token';
  if (claims.exp < nowSeconds) return 'token expired';
  if (claims.iat > nowSeconds) return 'token issued in the future';
  return undefined;
}

export interface JwtCheckingServer {
  url: string;
  /** Every token the server accepted. */
  accepted: string[];
  /** Moves the server's clock against the machine's (seconds). */
  skewSeconds: number;
  close(): Promise<void>;
}

/** A real HTTP server answering `GET /pipelines` with `[]` once the token passes the middleware. */
export async function startJwtCheckingServer(caFile: string): Promise<JwtCheckingServer> {
  const ca = new X509Certificate(readFileSync(caFile));
  const state = { accepted: [] as string[], skewSeconds: 0 };
  const server: Server = createServer((req, res) => {
    const exempt = EXEMPT.some((prefix) => req.url?.startsWith(prefix));
    const problem = exempt
      ? undefined
      : checkRequestToken(req.headers.authorization, ca, Math.floor(Date.now() / 1000) + state.skewSeconds);
    res.setHeader('content-type', 'application/json');
    if (problem) {
      res.statusCode = 401;
      res.end(JSON.stringify({ error: problem }));
      return;
    }
    if (!exempt) state.accepted.push(req.headers.authorization!.slice('Bearer '.length));
    res.end('[]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
