import { generateKeyPairSync } from 'node:crypto';
import { loadCertificateIdentity } from '../certificate-identity';

describe('loadCertificateIdentity', () => {
  it('refuses PEM text given as a file name without echoing it', () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    let error: Error | undefined;
    try {
      loadCertificateIdentity({ certFile: pem, keyFile: pem });
    } catch (thrown) {
      error = thrown as Error;
    }
    expect(error?.message).toBe(
      `the certificate file name is [PEM text, ${pem.length} characters, not shown]: pass PEM text as { cert, key }, or a path to a PEM file`,
    );
    expect(`${error?.message} ${error?.stack} ${String(error?.cause)}`).not.toContain(pem.split('\n')[1]);
  });
});
