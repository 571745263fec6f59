import { createHash, createPrivateKey, sign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createTestCertificates,
  issueTestChain,
  type TestCertificates,
  type TestKeyType,
} from '@conveyor-ts/core/testing';
import { RequestTokenVerifier } from '../request-token-verifier';

const segment = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const der = (file: string): X509Certificate => new X509Certificate(readFileSync(file));

/** A token for the chain `files` (leaf first), signed with `keyFile` under `digest`, claiming `alg`. */
function token(
  files: string[],
  keyFile: string,
  alg: string,
  digest: string | null,
  nowSeconds: number,
): string {
  const chain = files.map(der);
  const header = segment({ alg, typ: 'JWT', x5c: chain.map((c) => c.raw.toString('base64')) });
  const thumbprint = createHash('sha256').update(chain[0].raw).digest('base64url');
  const claims = segment({ iat: nowSeconds - 5, exp: nowSeconds + 120, cnf: { 'x5t#S256': thumbprint } });
  const input = `${header}.${claims}`;
  const key = createPrivateKey(readFileSync(keyFile));
  const signature = sign(digest, Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `Bearer ${input}.${signature.toString('base64url')}`;
}

describe('RequestTokenVerifier against hostile certificates and algorithms', () => {
  const now = Math.floor(Date.now() / 1000) + 60;
  const made: TestCertificates[] = [];
  const certificates = (keyType: TestKeyType = 'ec-p256'): TestCertificates => {
    const certs = createTestCertificates({ keyType });
    made.push(certs);
    return certs;
  };
  afterAll(() => made.forEach((certs) => certs.remove()));

  it('answers invalid token, without throwing, for a CA-issued leaf of a key type no algorithm fits', () => {
    const certs = certificates('ed25519');
    const verifier = new RequestTokenVerifier(der(certs.caFile));
    for (const alg of ['ES256', 'ES384', 'ES512', 'RS256', 'PS256']) {
      const authorization = token([certs.certFile], certs.keyFile, alg, null, now);
      expect(() => verifier.check(authorization, now)).not.toThrow();
      expect(verifier.check(authorization, now)).toBe('invalid token');
    }
  });

  it.each([
    ['ec-p384', 'ES256', 'sha256'],
    ['ec-p256', 'ES512', 'sha512'],
    ['rsa', 'ES256', 'sha256'],
    ['ec-p256', 'RS256', 'sha256'],
  ] as const)(
    'refuses a %s leaf signing as %s (the algorithm is tied to the key type)',
    (keyType, alg, digest) => {
      const certs = certificates(keyType);
      const verifier = new RequestTokenVerifier(der(certs.caFile));
      expect(verifier.check(token([certs.certFile], certs.keyFile, alg, digest, now), now)).toBe(
        'invalid token',
      );
    },
  );

  it('accepts each key type with its own algorithm', () => {
    for (const [keyType, alg, digest] of [
      ['rsa', 'RS256', 'sha256'],
      ['ec-p256', 'ES256', 'sha256'],
      ['ec-p384', 'ES384', 'sha384'],
      ['ec-p521', 'ES512', 'sha512'],
    ] as const) {
      const certs = certificates(keyType);
      const verifier = new RequestTokenVerifier(der(certs.caFile));
      expect(verifier.check(token([certs.certFile], certs.keyFile, alg, digest, now), now)).toBeUndefined();
    }
  });

  describe('intermediates must be CAs, as Go x509 requires', () => {
    let certs: TestCertificates;
    let verifier: RequestTokenVerifier;
    beforeAll(() => {
      certs = certificates();
      verifier = new RequestTokenVerifier(der(certs.caFile));
    });
    const check = (name: string, extensions: string[]) => {
      const chain = issueTestChain(certs, name, extensions);
      return verifier.check(
        token([chain.leafFile, chain.intermediateFile], chain.leafKeyFile, 'ES256', 'sha256', now),
        now,
      );
    };

    it('accepts an intermediate with CA:TRUE and keyCertSign', () => {
      expect(
        check('good', ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign']),
      ).toBeUndefined();
      expect(check('no-usage', ['basicConstraints=critical,CA:TRUE'])).toBeUndefined();
    });

    it('refuses an intermediate that is not a CA, or whose keyUsage lacks keyCertSign', () => {
      expect(check('not-ca', ['basicConstraints=CA:FALSE', 'keyUsage=keyCertSign'])).toBe('invalid token');
      expect(check('no-constraints', ['keyUsage=digitalSignature'])).toBe('invalid token');
      expect(
        check('no-cert-sign', ['basicConstraints=critical,CA:TRUE', 'keyUsage=digitalSignature,cRLSign']),
      ).toBe('invalid token');
    });
  });
});
