import { constants, verify, type KeyObject } from 'node:crypto';

interface TokenAlgorithm {
  digest: string;
  /** The leaf key the algorithm needs, as golang-jwt checks it: RSA, or EC on one curve. */
  keyType: 'rsa' | 'ec';
  curve?: string;
  pss?: true;
}

/** The server's allow-list (Ed25519 is not on it), each with its digest and the key it needs. */
const ALGORITHMS: Record<string, TokenAlgorithm> = {
  RS256: { digest: 'sha256', keyType: 'rsa' },
  PS256: { digest: 'sha256', keyType: 'rsa', pss: true },
  ES256: { digest: 'sha256', keyType: 'ec', curve: 'prime256v1' },
  ES384: { digest: 'sha384', keyType: 'ec', curve: 'secp384r1' },
  ES512: { digest: 'sha512', keyType: 'ec', curve: 'secp521r1' },
};

/**
 * Whether `signature` over `input` is by `key` under the JWT `alg`. An algorithm off the list, or
 * one that does not fit the key's type (ES256 with a P-384 or an Ed25519 key), is simply false:
 * nothing a token carries can make this throw.
 */
export function verifyTokenSignature(
  alg: unknown,
  key: KeyObject,
  input: string,
  signature: Buffer,
): boolean {
  const algorithm = typeof alg === 'string' && Object.hasOwn(ALGORITHMS, alg) ? ALGORITHMS[alg] : undefined;
  if (!algorithm || !fitsKey(algorithm, key)) return false;
  try {
    return verify(
      algorithm.digest,
      Buffer.from(input),
      {
        key,
        dsaEncoding: 'ieee-p1363',
        ...(algorithm.pss ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : {}),
      },
      signature,
    );
  } catch {
    return false;
  }
}

function fitsKey(algorithm: TokenAlgorithm, key: KeyObject): boolean {
  if (key.asymmetricKeyType !== algorithm.keyType) return false;
  return algorithm.curve === undefined || key.asymmetricKeyDetails?.namedCurve === algorithm.curve;
}
