import fc from 'fast-check';
import { certificateJwtAuthorizer } from '@conveyor-ts/core';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createTestCertificates, issueTestIdentity, type TestCertificates } from '@conveyor-ts/core/testing';
import { ControlPlane } from '@conveyor-ts/control-plane';
import { RecordingLogger, type Fixture } from '../support/control-plane-fixture';
import { call } from '../support/raw-http';
import { PlaneGuard } from './guard';

jest.setTimeout(120_000);

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const segmentJson = (part: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
const segment = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

type Mutation = (token: string) => string;

/** Changes of a token's text, and of its header and claims re-encoded without re-signing. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom(...BASE64URL, '.', '=', '+', '/', '~')).map(
    ([at, char]): Mutation =>
      (t) =>
        t.slice(0, at % t.length) + char + t.slice((at % t.length) + 1),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...BASE64URL, '.', '=')).map(
    ([at, char]): Mutation =>
      (t) =>
        t.slice(0, at % t.length) + char + t.slice(at % t.length),
  ),
  fc.nat().map((at) => (t: string) => t.slice(0, at % t.length) + t.slice((at % t.length) + 1)),
  fc.nat().map((at) => (t: string) => t.slice(0, at % t.length)),
  fc.constant((t: string) => t.split('.').reverse().join('.')),
  // The last character of a segment carries unused bits: a lax decoder reads some changes as none.
  fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom(...BASE64URL)).map(
    ([index, char]): Mutation =>
      (t) =>
        t
          .split('.')
          .map((part, i) => (i === index ? part.slice(0, -1) + char : part))
          .join('.'),
  ),
  fc
    .record(
      {
        alg: fc.constantFrom('RS256', 'PS256', 'ES384', 'ES512', 'none', 'HS256', ''),
        x5c: fc.constantFrom<(x: unknown[]) => unknown>(
          () => [],
          (x) => [...x, ...x],
          () => 'x',
          (x) => [String(x[0]).slice(4)],
        ),
        typ: fc.string({ maxLength: 4 }),
      },
      { requiredKeys: [] },
    )
    .filter((change) => Object.keys(change).length > 0)
    .map((change) => (t: string) => {
      const [header, claims, signature] = t.split('.');
      const decoded = segmentJson(header);
      const next = {
        ...decoded,
        ...('alg' in change ? { alg: change.alg } : {}),
        ...('typ' in change ? { typ: change.typ } : {}),
        ...(change.x5c ? { x5c: change.x5c(decoded.x5c as unknown[]) } : {}),
      };
      return `${segment(next)}.${claims}.${signature}`;
    }),
  fc
    .record(
      {
        exp: fc.integer({ min: -1000, max: 100_000 }),
        iat: fc.integer({ min: -100, max: 100 }),
        cnf: fc.boolean(),
      },
      { requiredKeys: [] },
    )
    .filter((change) => Object.keys(change).length > 0)
    .map((change) => (t: string) => {
      const [header, claims, signature] = t.split('.');
      const decoded = segmentJson(claims) as { exp: number; iat: number; cnf: unknown };
      const next = {
        ...decoded,
        ...(change.exp !== undefined ? { exp: decoded.exp + change.exp } : {}),
        ...(change.iat !== undefined ? { iat: decoded.iat + change.iat } : {}),
        ...(change.cnf ? { cnf: { jkt: 'A'.repeat(43) } } : {}),
      };
      return `${header}.${segment(next)}.${signature}`;
    }),
);

/** Any change of a valid token is refused with 401, and the control plane keeps serving. */
describe('fuzz: mutated API tokens', () => {
  let certs: TestCertificates;
  let fx: Fixture;
  const guard = new PlaneGuard(() => fx);
  let sign: () => string;

  beforeAll(async () => {
    certs = createTestCertificates();
    const logger = new RecordingLogger();
    const plane = await ControlPlane.start({ port: 0, natsPort: 0, auth: certs, logger });
    fx = { plane, logger } as Fixture;
    const authorize = certificateJwtAuthorizer({ certFile: certs.certFile, keyFile: certs.keyFile });
    sign = () => {
      const { authorization } = authorize({ method: 'GET', url: plane.apiUrl, headers: {} }) as {
        authorization: string;
      };
      return authorization.slice('Bearer '.length);
    };
  });
  afterAll(async () => {
    await fx?.plane.stop();
    certs?.remove();
  });

  it('serves the unchanged token (the control)', async () => {
    expect(
      (await call(fx.plane.apiUrl, 'GET', '/runs', undefined, { authorization: `Bearer ${sign()}` })).status,
    ).toBe(200);
  });

  it('answers 401 to a CA-issued leaf of a key type no algorithm fits (Ed25519), and keeps serving', async () => {
    const ed25519 = new X509Certificate(
      readFileSync(issueTestIdentity(certs, 'ed25519-leaf', 'ed25519').certFile),
    );
    const thumbprint = createHash('sha256').update(ed25519.raw).digest('base64url');
    const now = Math.floor(Date.now() / 1000);
    const header = segment({ alg: 'ES256', typ: 'JWT', x5c: [ed25519.raw.toString('base64')] });
    const claims = segment({ iat: now - 5, exp: now + 60, cnf: { 'x5t#S256': thumbprint } });
    const token = `${header}.${claims}.${Buffer.alloc(64).toString('base64url')}`;
    const answer = await call(fx.plane.apiUrl, 'GET', '/runs', undefined, {
      authorization: `Bearer ${token}`,
    });
    expect([answer.status, answer.json()]).toEqual([401, { error: 'invalid token' }]);
    await guard.check();
  });

  it.each([1, 2])('batch %i: every mutation is refused with 401', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (mutate) => {
        const token = sign();
        const mutated = mutate(token);
        fc.pre(mutated !== token);
        const answer = await call(fx.plane.apiUrl, 'GET', '/runs', undefined, {
          authorization: `Bearer ${mutated}`,
        });
        expect([mutated, answer.status]).toEqual([mutated, 401]);
      }),
      { numRuns: 150 },
    );
    await guard.check();
  });
});
