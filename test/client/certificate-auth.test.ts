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
import { ControlPlane, RequestTokenVerifier } from '@conveyor-ts/control-plane';
import { RecordingLogger } from '../control-plane/support/control-plane-fixture';
import { RecordingSocket } from '../control-plane/support/log-stream-helpers';
import { waitFor } from '../control-plane/support/wait-for';

jest.setTimeout(60_000);

const decode = (part: string) =>
  JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;
const bearer = (certs: { certFile: string; keyFile: string }, nowMs: number) =>
  (
    certificateJwtAuthorizer({ ...certs, now: () => nowMs })({
      method: 'GET',
      url: 'http://x/',
      headers: {},
    }) as {
      authorization: string;
    }
  ).authorization;

describe('certificate-bound JWTs for the Conveyor API (protocol §6.1)', () => {
  const cases: Array<[TestKeyType, 'pkcs8' | 'traditional', string]> = [
    ['rsa', 'traditional', 'RS256'], // RSA PRIVATE KEY (PKCS#1)
    ['rsa', 'pkcs8', 'RS256'],
    ['ec-p256', 'traditional', 'ES256'], // EC PRIVATE KEY (SEC1)
    ['ec-p384', 'pkcs8', 'ES384'],
    ['ec-p521', 'pkcs8', 'ES512'],
  ];

  it.each(cases)(
    'signs with a %s key (%s) as %s, and the server check accepts it',
    (keyType, keyFormat, alg) => {
      const certs = createTestCertificates({ keyType, keyFormat });
      try {
        // A minute on, so that server clocks a few seconds behind are still inside the new certificate's validity.
        const now = Math.floor(Date.now() / 1000) * 1000 + 60_000;
        const authorization = bearer(certs, now);
        const [header, claims] = authorization
          .slice('Bearer '.length)
          .split('.')
          .map((part, i) => (i < 2 ? decode(part) : part));
        const leaf = new X509Certificate(readFileSync(certs.certFile));
        expect(header).toEqual({ alg, typ: 'JWT', x5c: [leaf.raw.toString('base64')] });
        expect(claims).toEqual({
          iat: now / 1000 - 5,
          exp: now / 1000 + 120,
          cnf: { 'x5t#S256': expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
        });
        const verifier = new RequestTokenVerifier(new X509Certificate(readFileSync(certs.caFile)));
        expect(verifier.check(authorization, now / 1000)).toBeUndefined();
        // iat is backdated 5 s: a client clock 3 s ahead of the server is still fine.
        expect(verifier.check(authorization, now / 1000 - 3)).toBeUndefined();
        expect(verifier.check(authorization, now / 1000 - 6)).toBe('token issued in the future');
        expect(verifier.check(authorization, now / 1000 + 121)).toBe('token expired');
      } finally {
        certs.remove();
      }
    },
  );

  describe('against the control plane with auth on (real HTTP)', () => {
    let certs: TestCertificates;
    let plane: ControlPlane;
    beforeAll(async () => {
      certs = createTestCertificates();
      plane = await ControlPlane.start({ port: 0, natsPort: 0, auth: certs, logger: new RecordingLogger() });
    });
    afterAll(async () => {
      await plane?.stop();
      certs.remove();
    });

    it('serves a client that signs each request from CONVEYOR_TLS_*', async () => {
      const env = {
        CONVEYOR_API_URL: plane.apiUrl,
        CONVEYOR_TLS_CERT: certs.certFile,
        CONVEYOR_TLS_KEY: certs.keyFile,
        CONVEYOR_TLS_CA: certs.caFile,
      };
      const client = new ConveyorClient({ env });
      await expect(client.listRuns()).resolves.toEqual([]);
      await expect(client.listRuns()).resolves.toEqual([]);
    });

    it('answers 401 with the server messages without an identity or with a foreign one, and keeps /health open', async () => {
      const anonymous = new ConveyorClient({ apiUrl: plane.apiUrl, env: {} });
      await expect(anonymous.health()).resolves.toBeDefined();
      await expect(anonymous.listRuns()).rejects.toMatchObject({
        status: 401,
        message: expect.stringContaining('missing Authorization header'),
      });
      const stranger = new ConveyorClient({
        apiUrl: plane.apiUrl,
        env: {},
        certificate: { certFile: certs.strangerCertFile, keyFile: certs.strangerKeyFile },
      });
      const error = await stranger.listRuns().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConveyorApiError);
      expect((error as ConveyorApiError).status).toBe(401);
      expect((error as ConveyorApiError).message).toContain('invalid token');
      const basic = await fetch(`${plane.apiUrl}/runs`, { headers: { authorization: 'Basic abc' } });
      expect(basic.status).toBe(401);
      expect(await basic.json()).toEqual({ error: 'invalid Authorization header format' });
    });

    it('refuses a token whose signature or certificate binding was tampered with', async () => {
      const good = bearer(certs, Date.now());
      const [header, claims, signature] = good.slice('Bearer '.length).split('.');
      const forged = { ...decode(claims), cnf: { 'x5t#S256': 'A'.repeat(43) } };
      const rebound = `Bearer ${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
      const resigned = `Bearer ${header}.${claims}.${Buffer.from('not a signature').toString('base64url')}`;
      for (const authorization of [rebound, resigned]) {
        const response = await fetch(`${plane.apiUrl}/runs`, { headers: { authorization } });
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ error: 'invalid token' });
      }
    });

    it('refuses a log WebSocket without a token with the 401 of every route, and streams with one', async () => {
      const tls = { certFile: certs.certFile, keyFile: certs.keyFile, caFile: certs.caFile };
      const entry = { runid: 'run-auth', driver: 'd1', pipeline: '', timestamp: 't', message: 'stored' };
      const client = new ConveyorClient({ apiUrl: plane.apiUrl, env: {}, certificate: tls });
      await client.createLog(entry);
      const url = `${plane.apiUrl}/logs/streams/d1/run-auth`;
      expect(await new RecordingSocket(url).refused()).toEqual({
        status: 401,
        body: JSON.stringify({ error: 'missing Authorization header' }),
      });
      const headers = await certificateJwtAuthorizer(tls)({ method: 'GET', url, headers: {} });
      const socket = await new RecordingSocket(url, [], { headers }).opened();
      await waitFor('the replay', async () => socket.frames[0]);
      expect(socket.frames).toEqual([JSON.stringify(entry)]);
      socket.socket.terminate();
      for await (const followed of client.followDriverLogs('d1', 'run-auth', { transport: 'websocket' })) {
        expect(followed).toEqual(entry);
        break;
      }
      const anonymous = new ConveyorClient({ apiUrl: plane.apiUrl, env: {} });
      await expect(
        anonymous.followDriverLogs('d1', 'run-auth', { transport: 'websocket' }).next(),
      ).rejects.toMatchObject({ status: 401, serverMessage: 'missing Authorization header' });
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
