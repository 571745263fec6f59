import { createHash, createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describePemText, isPemText } from '../config/pem-text';

/** The JWS algorithms the Conveyor server accepts, chosen by key type as the Go client does (§6.1). */
export type CertificateJwtAlgorithm = 'RS256' | 'ES256' | 'ES384' | 'ES512';

/** A client certificate chain and its private key, ready to sign certificate-bound JWTs. */
export interface CertificateIdentity {
  readonly algorithm: CertificateJwtAlgorithm;
  readonly key: KeyObject;
  /** The chain, leaf first: each DER certificate in standard base64 with padding (not base64url). */
  readonly x5c: readonly string[];
  /** `x5t#S256`: base64url (no padding) of the SHA-256 of the leaf's DER. */
  readonly thumbprint: string;
}

/** Where a certificate identity is read from: PEM files, or PEM text. */
export type CertificateSource = { certFile: string; keyFile: string } | { cert: string; key: string };

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const EC_ALGORITHMS: Record<string, CertificateJwtAlgorithm> = {
  prime256v1: 'ES256',
  secp384r1: 'ES384',
  secp521r1: 'ES512',
};

/**
 * Reads and checks an identity: at least one PEM certificate, a key in PKCS#1, SEC1 or PKCS#8 that
 * matches the first certificate, of a type the server accepts (RSA, or EC on P-256/P-384/P-521).
 */
export function loadCertificateIdentity(source: CertificateSource): CertificateIdentity {
  const certPem = 'cert' in source ? source.cert : readPem(source.certFile, 'certificate');
  const keyPem = 'key' in source ? source.key : readPem(source.keyFile, 'private key');
  const where = 'certFile' in source ? ` in ${source.certFile}` : '';
  const chain = (certPem.match(PEM_CERTIFICATE) ?? []).map((pem, i) => {
    try {
      return new X509Certificate(pem);
    } catch (error) {
      throw new Error(`certificate ${i + 1}${where} cannot be read: ${(error as Error).message}`, {
        cause: error,
      });
    }
  });
  if (chain.length === 0) throw new Error(`no PEM certificate${where || ' in the certificate text'}`);
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch (error) {
    throw new Error(`the private key cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const [leaf] = chain;
  if (!leaf.checkPrivateKey(key)) {
    throw new Error(
      `the private key does not match the first certificate (${leaf.subject.replace(/\n/g, ', ')})`,
    );
  }
  return {
    algorithm: algorithmOf(key),
    key,
    x5c: chain.map((c) => c.raw.toString('base64')),
    thumbprint: createHash('sha256').update(leaf.raw).digest('base64url'),
  };
}

function algorithmOf(key: KeyObject): CertificateJwtAlgorithm {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType === 'ec' && curve && EC_ALGORITHMS[curve]) return EC_ALGORITHMS[curve];
  const kind = key.asymmetricKeyType === 'ec' ? `EC key on curve ${curve}` : `${key.asymmetricKeyType} key`;
  throw new Error(
    `a ${kind} cannot sign for the Conveyor API: it accepts RSA and EC P-256, P-384 or P-521 keys`,
  );
}

function readPem(file: string, what: string): string {
  if (isPemText(file)) {
    throw new Error(
      `the ${what} file name is ${describePemText(file)}: pass PEM text as { cert, key }, or a path to a PEM file`,
    );
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read the ${what} file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { cause: error },
    );
  }
}
