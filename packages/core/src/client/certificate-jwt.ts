import { sign } from 'node:crypto';
import { API_TOKEN_BACKDATE_SECONDS, API_TOKEN_TTL_MS } from '../constants';
import {
  loadCertificateIdentity,
  type CertificateIdentity,
  type CertificateSource,
} from './certificate-identity';
import type { RequestAuthorizer } from './request-authorizer';

const DIGEST = { RS256: 'sha256', ES256: 'sha256', ES384: 'sha384', ES512: 'sha512' } as const;
const segment = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A certificate-bound JWT (protocol §6.1): header `{alg, typ, x5c}`, claims `{iat, exp, cnf:
 * {x5t#S256}}`, signed with the leaf's key (ECDSA as raw r‖s, as JWS requires).
 */
export function signCertificateJwt(identity: CertificateIdentity, nowMs: number, ttlMs: number): string {
  const now = Math.floor(nowMs / 1000);
  const header = segment({ alg: identity.algorithm, typ: 'JWT', x5c: identity.x5c });
  const claims = segment({
    iat: now - API_TOKEN_BACKDATE_SECONDS,
    exp: now + Math.floor(ttlMs / 1000),
    cnf: { 'x5t#S256': identity.thumbprint },
  });
  const input = `${header}.${claims}`;
  const signature = sign(DIGEST[identity.algorithm], Buffer.from(input), {
    key: identity.key,
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${signature.toString('base64url')}`;
}

export type CertificateAuthOptions = CertificateSource & {
  /** Token lifetime (default 2 min, as the Go client). */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
};

/**
 * Signs a fresh token for every request, as the server expects (it keeps no sessions). The files
 * are read and checked once, here, so a wrong key fails at start-up with a precise message.
 */
export function certificateJwtAuthorizer(options: CertificateAuthOptions): RequestAuthorizer {
  const identity = loadCertificateIdentity(options);
  const ttlMs = options.ttlMs ?? API_TOKEN_TTL_MS;
  const now = options.now ?? Date.now;
  return () => ({ authorization: `Bearer ${signCertificateJwt(identity, now(), ttlMs)}` });
}
