import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findToolsBinary } from '../processes/tools-binary';

export type TestKeyType = 'rsa' | 'ec-p256' | 'ec-p384' | 'ec-p521' | 'ed25519';

export interface TestCertificateOptions {
  /** The identity's key (default `ec-p256`); the CA always uses P-256. */
  keyType?: TestKeyType;
  /** `pkcs8` (`PRIVATE KEY`, the default) or `traditional` (`RSA PRIVATE KEY` / `EC PRIVATE KEY`). */
  keyFormat?: 'pkcs8' | 'traditional';
}

/** A throwaway CA and one identity it signed, as PEM files in a temporary folder. */
export interface TestCertificates {
  caFile: string;
  /** CN and SANs `localhost` / `127.0.0.1`, both serverAuth and clientAuth: usable by nats-server and clients, as `conveyor init` makes them. */
  certFile: string;
  keyFile: string;
  /** A second identity from another CA, which the first CA does not trust. */
  strangerCertFile: string;
  strangerKeyFile: string;
  remove(): void;
}

const KEY_ARGS: Record<TestKeyType, string[]> = {
  rsa: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  'ec-p256': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  'ec-p384': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
  'ec-p521': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521'],
  ed25519: ['-algorithm', 'ED25519'],
};
const IDENTITY_EXTENSIONS = [
  'basicConstraints=CA:FALSE',
  'keyUsage=digitalSignature,keyEncipherment',
  'extendedKeyUsage=serverAuth,clientAuth',
  'subjectAltName=DNS:localhost,IP:127.0.0.1',
].join('\n');

/** Creates the files with the `openssl` command line tool (real X.509, as an operator would). */
export function createTestCertificates(options: TestCertificateOptions = {}): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-certs-'));
  const file = (name: string) => join(dir, name);
  try {
    writeFileSync(file('identity.ext'), IDENTITY_EXTENSIONS);
    for (const ca of ['ca', 'stranger-ca']) {
      openssl('genpkey', ...KEY_ARGS['ec-p256'], '-out', file(`${ca}.key`));
      openssl(
        ...[
          'req',
          '-x509',
          '-new',
          '-key',
          file(`${ca}.key`),
          '-subj',
          `/CN=conveyor-test-${ca}`,
          '-days',
          '3650',
        ],
        ...[
          '-addext',
          'basicConstraints=critical,CA:TRUE',
          '-addext',
          'keyUsage=critical,keyCertSign,cRLSign',
        ],
        ...['-out', file(`${ca}.pem`)],
      );
    }
    const identity = (name: string, ca: string, keyType: TestKeyType) => {
      openssl('genpkey', ...KEY_ARGS[keyType], '-out', file(`${name}.p8`));
      const traditional = options.keyFormat === 'traditional' && keyType !== 'ed25519';
      openssl(
        'pkey',
        '-in',
        file(`${name}.p8`),
        ...(traditional ? ['-traditional'] : []),
        '-out',
        file(`${name}.key`),
      );
      openssl(
        'req',
        '-new',
        '-key',
        file(`${name}.key`),
        '-subj',
        '/CN=localhost',
        '-out',
        file(`${name}.csr`),
      );
      openssl(
        ...[
          'x509',
          '-req',
          '-in',
          file(`${name}.csr`),
          '-CA',
          file(`${ca}.pem`),
          '-CAkey',
          file(`${ca}.key`),
        ],
        ...[
          '-CAcreateserial',
          '-days',
          '3650',
          '-extfile',
          file('identity.ext'),
          '-out',
          file(`${name}.crt`),
        ],
      );
    };
    identity('client', 'ca', options.keyType ?? 'ec-p256');
    identity('stranger', 'stranger-ca', 'ec-p256');
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    caFile: file('ca.pem'),
    certFile: file('client.crt'),
    keyFile: file('client.key'),
    strangerCertFile: file('stranger.crt'),
    strangerKeyFile: file('stranger.key'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A leaf issued through one intermediate, for chain checks: PEM files beside the CA's. */
export interface TestChain {
  /** The leaf (serverAuth and clientAuth, like the identity), signed by the intermediate. */
  leafFile: string;
  leafKeyFile: string;
  /** Signed by the CA of `certs`, with the extensions asked for. */
  intermediateFile: string;
}

/**
 * Issues under the CA of `certs` an intermediate with `intermediateExtensions` (openssl extension
 * lines, e.g. `basicConstraints=CA:FALSE`) and a P-256 leaf under it; `name` keeps chains apart.
 */
export function issueTestChain(
  certs: TestCertificates,
  name: string,
  intermediateExtensions: string[],
): TestChain {
  const file = (suffix: string) => join(dirname(certs.caFile), `${name}-${suffix}`);
  writeFileSync(file('intermediate.ext'), intermediateExtensions.join('\n'));
  const ca = { certFile: certs.caFile, keyFile: join(dirname(certs.caFile), 'ca.key') };
  const intermediate = { certFile: file('intermediate.pem'), keyFile: file('intermediate.key') };
  issueCertificate(`/CN=${name}-intermediate`, intermediate, ca, file('intermediate.ext'), 'ec-p256');
  const leaf = { certFile: file('leaf.crt'), keyFile: file('leaf.key') };
  issueCertificate(
    '/CN=localhost',
    leaf,
    intermediate,
    join(dirname(certs.caFile), 'identity.ext'),
    'ec-p256',
  );
  return { leafFile: leaf.certFile, leafKeyFile: leaf.keyFile, intermediateFile: intermediate.certFile };
}

/** A second identity signed directly by the CA of `certs`, with a key of `keyType`. */
export function issueTestIdentity(
  certs: TestCertificates,
  name: string,
  keyType: TestKeyType,
): { certFile: string; keyFile: string } {
  const identity = {
    certFile: join(dirname(certs.caFile), `${name}.crt`),
    keyFile: join(dirname(certs.caFile), `${name}.key`),
  };
  const ca = { certFile: certs.caFile, keyFile: join(dirname(certs.caFile), 'ca.key') };
  issueCertificate('/CN=localhost', identity, ca, join(dirname(certs.caFile), 'identity.ext'), keyType);
  return identity;
}

type PemPair = { certFile: string; keyFile: string };

function issueCertificate(
  subject: string,
  out: PemPair,
  signer: PemPair,
  extFile: string,
  keyType: TestKeyType,
): void {
  openssl('genpkey', ...KEY_ARGS[keyType], '-out', out.keyFile);
  openssl('req', '-new', '-key', out.keyFile, '-subj', subject, '-out', `${out.certFile}.csr`);
  openssl(
    ...['x509', '-req', '-in', `${out.certFile}.csr`, '-CA', signer.certFile, '-CAkey', signer.keyFile],
    ...['-CAcreateserial', '-days', '3650', '-extfile', extFile, '-out', out.certFile],
  );
}

/** `CONVEYOR_OPENSSL`, then `.tools/bin/openssl` (scripts/provision-openssl.sh), then PATH. */
const opensslPath = (): string => process.env.CONVEYOR_OPENSSL || findToolsBinary('openssl') || 'openssl';

function openssl(...args: string[]): void {
  try {
    execFileSync(opensslPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const { code, stderr } = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (code === 'ENOENT')
      throw new Error(
        'test certificates need the openssl command: run scripts/provision-openssl.sh, install openssl, or set CONVEYOR_OPENSSL',
        {
          cause: error,
        },
      );
    throw new Error(`openssl ${args[0]} failed: ${stderr?.toString().trim() ?? (error as Error).message}`, {
      cause: error,
    });
  }
}
