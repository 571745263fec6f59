import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConveyorApiError,
  ConveyorClient,
  certificateJwtAuthorizer,
  loadCertificateIdentity,
  resolveConfig,
} from '@conveyor-ts/core';
import { createTestCertificates, type TestCertificates, type TestKeyType } from '@conveyor-ts/core/testing';
import { checkRequestToken, startJwtCheckingServer, type JwtCheckingServer } from './jwt-checking-server';

jest.setTimeout(60_000);

const decode = (part: string) =>
  JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;

describe('certificate-bound JWTs for the Conveyor API (protocol §6.1)', () => {
  const cases: Array<[TestKeyType, 'pkcs8' | 'traditional', string]> = [
    ['rsa', 'traditional', 'RS256'], // RSA PRIVATE KEY (PKCS#1)
    ['rsa', 'pkcs8', 'RS256'],
    ['ec-p256', 'traditional', 'ES256'], // EC PRIVATE KEY (SEC1)
    ['ec-p384', 'pkcs8', 'ES384'],
    ['ec-p521', 'pkcs8', 'ES512'],
  ];

  it.each(cases)(
    'signs with a %s key (%s) as %s, and the server middleware accepts it',
    (keyType, keyFormat, alg) => {
      const certs = createTestCertificates({ keyType, keyFormat });
      try {
        const now = 1_790_000_000_000;
        const authorize = certificateJwtAuthorizer({
          certFile: certs.certFile,
          keyFile: certs.keyFile,
          now: () => now,
        });
        const { authorization } = authorize({ method: 'GET', url: 'http://x/runs', headers: {} }) as Record<
          string,
          string
        >;
        const token = authorization.slice('Bearer '.length);
        const [header, claims] = token.split('.').map((part, i) => (i < 2 ? decode(part) : part));
        const leaf = new X509Certificate(readFileSync(certs.certFile));
        expect(header).toEqual({ alg, typ: 'JWT', x5c: [leaf.raw.toString('base64')] });
        expect(claims).toEqual({
          iat: now / 1000 - 5,
          exp: now / 1000 + 120,
          cnf: { 'x5t#S256': expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
        });
        const ca = new X509Certificate(readFileSync(certs.caFile));
        expect(checkRequestToken(authorization, ca, now / 1000)).toBeUndefined();
        expect(checkRequestToken(authorization, ca, now / 1000 + 121)).toBe('token expired');
      } finally {
        certs.remove();
      }
    },
  );

  describe('against a real HTTP server running the middleware', () => {
    let certs: TestCertificates;
    let server: JwtCheckingServer;
    beforeAll(async () => {
      certs = createTestCertificates();
      server = await startJwtCheckingServer(certs.caFile);
    });
    afterAll(async () => {
      await server.close();
      certs.remove();
    });

    it('sends a fresh token with every request when CONVEYOR_TLS_* are set', async () => {
      const env = {
        CONVEYOR_API_URL: server.url,
        CONVEYOR_TLS_CERT: certs.certFile,
        CONVEYOR_TLS_KEY: certs.keyFile,
        CONVEYOR_TLS_CA: certs.caFile,
      };
      const client = new ConveyorClient({ env });
      await client.listRuns();
      await client.listRuns();
      expect(server.accepted).toHaveLength(2);
      // ECDSA signatures are randomized: two tokens, each signed for its request.
      expect(server.accepted[0]).not.toBe(server.accepted[1]);
    });

    it('is refused without an identity, or with one the server CA did not sign', async () => {
      const anonymous = new ConveyorClient({ apiUrl: server.url, env: {} });
      await expect(anonymous.listRuns()).rejects.toMatchObject({
        status: 401,
        message: expect.stringContaining('missing Authorization header'),
      });
      const stranger = new ConveyorClient({
        apiUrl: server.url,
        env: {},
        certificate: { certFile: certs.strangerCertFile, keyFile: certs.strangerKeyFile },
      });
      const error = await stranger.listRuns().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConveyorApiError);
      expect((error as ConveyorApiError).message).toContain('invalid token');
    });

    it('backdates iat, so a client clock a little ahead of the server is still accepted', async () => {
      server.skewSeconds = -3; // the server's clock is 3 s behind the client's
      try {
        const client = new ConveyorClient({ apiUrl: server.url, env: {}, certificate: certs });
        await expect(client.listRuns()).resolves.toEqual([]);
      } finally {
        server.skewSeconds = 0;
      }
    });
  });

  describe('a misconfigured identity fails at start-up with the reason', () => {
    let certs: TestCertificates;
    beforeAll(() => (certs = createTestCertificates()));
    afterAll(() => certs.remove());

    it('names a missing file, a key of another certificate, an unreadable key and an unsupported key type', () => {
      expect(() => loadCertificateIdentity({ certFile: '/nope/client.crt', keyFile: certs.keyFile })).toThrow(
        'cannot read the certificate file /nope/client.crt: ENOENT',
      );
      expect(() =>
        loadCertificateIdentity({ certFile: certs.certFile, keyFile: certs.strangerKeyFile }),
      ).toThrow(/the private key does not match the first certificate \(CN=localhost\)/);
      const garbage = join(certs.caFile, '..', 'garbage.key');
      writeFileSync(garbage, 'not a key');
      expect(() => loadCertificateIdentity({ certFile: certs.certFile, keyFile: garbage })).toThrow(
        'the private key cannot be read',
      );
      expect(() => loadCertificateIdentity({ cert: 'no pem here', key: '' })).toThrow('no PEM certificate');
      const ed = createTestCertificates({ keyType: 'ed25519' });
      try {
        expect(() => loadCertificateIdentity({ certFile: ed.certFile, keyFile: ed.keyFile })).toThrow(
          'a ed25519 key cannot sign for the Conveyor API: it accepts RSA and EC P-256, P-384 or P-521 keys',
        );
      } finally {
        ed.remove();
      }
    });

    it('refuses half an identity in the environment before any request', () => {
      expect(() => resolveConfig({}, { CONVEYOR_TLS_CERT: certs.certFile })).toThrow(
        'CONVEYOR_TLS_KEY="": is not set while CONVEYOR_TLS_CERT is',
      );
    });
  });
});
