import fc from 'fast-check';
import { isSubjectToken, MAX_NAME_BYTES } from '@conveyor-ts/core';
import { startFixture, type Fixture } from '../support/control-plane-fixture';
import { call } from '../support/raw-http';
import { PlaneGuard } from './guard';

jest.setTimeout(120_000);

/** Every place a name that becomes a subject token enters the HTTP API, with the answer it must get. */
interface Entry {
  what: string;
  send(name: string): [string, string, unknown];
  error: RegExp;
  /** The name is a path segment: one the client never sends (see `sentAsNoSegment`) matches no route, 404 as on the server. */
  emptyIsNoRoute?: true;
}

const ENTRIES: Entry[] = [
  {
    what: 'POST /resource-definitions name',
    send: (name) => ['POST', '/resource-definitions', { name, schema: {} }],
    error: /^Invalid name: /,
  },
  {
    what: 'POST /resource-definitions/apply name',
    send: (name) => ['POST', '/resource-definitions/apply', { name, schema: {} }],
    error: /^(Invalid name: |Resource name is required$)/, // sic: the server's words
  },
  {
    what: 'PUT /resource-definitions/{name} body name',
    send: (name) => ['PUT', '/resource-definitions/known', { name, schema: {} }],
    error: /^Invalid name: /,
  },
  {
    what: 'POST /resources resource',
    send: (name) => ['POST', '/resources', { name: 'r', resource: name, spec: {} }],
    error: /^(Invalid resource: |Resource type is required$)/,
  },
  {
    what: 'PUT /resources/{type}/{name} body resource',
    send: (name) => ['PUT', '/resources/known/r', { name: 'r', resource: name, spec: {} }],
    error: /^Invalid resource: /,
  },
  {
    what: 'PUT /resources/{type}/{name} path type',
    send: (name) => [
      'PUT',
      `/resources/${encodeURIComponent(name)}/r`,
      { name: 'r', resource: 'known', spec: {} },
    ],
    error: /^Invalid type: /,
    emptyIsNoRoute: true,
  },
  {
    what: 'POST /pipelines resource',
    send: (name) => ['POST', '/pipelines', { name: 'p', resource: name, steps: [] }],
    error: /^Invalid resource: /,
  },
  {
    what: 'POST /pipelines steps[].driver',
    send: (name) => [
      'POST',
      '/pipelines',
      { name: 'p', resource: 'known', steps: [{ driver: 'ok' }, { driver: name }] },
    ],
    error: /^Invalid steps\[1\]\.driver: /,
  },
];

/** Empty, or a dot-segment: fetch (WHATWG URL parsing) resolves `/a/./b` to `/a/b` before sending. */
const sentAsNoSegment = (name: string) => name === '' || name === '.' || name === '..';

/** Strings that are not one subject token: a forbidden character somewhere, empty, or too long. */
const notAToken = fc
  .oneof(
    fc
      .tuple(
        fc.string({ maxLength: 8, unit: 'grapheme' }),
        fc.constantFrom(
          '.',
          '*',
          '>',
          '|',
          ' ',
          '\r\n',
          '\n',
          '\t',
          '\u00a0',
          '\u2028',
          '\u3000',
          '\r\nPUB x 1\r\n',
        ),
        fc.string({ maxLength: 8, unit: 'grapheme' }),
      )
      .map((parts) => parts.join('')),
    fc.constant(''),
    fc
      .string({ minLength: 1, maxLength: 4, unit: 'grapheme' })
      .map((s) => s.repeat(Math.ceil((MAX_NAME_BYTES + 1) / s.length))),
    fc.string({ maxLength: 20, unit: 'grapheme' }),
  )
  .filter((name) => !isSubjectToken(name));

/** Names are refused everywhere they enter, and nothing is stored; tokens are accepted (the control). */
describe('fuzz: names that are not subject tokens', () => {
  let fx: Fixture;
  const guard = new PlaneGuard(() => fx);
  const api = (method: string, path: string, json?: unknown) => call(fx.plane.apiUrl, method, path, json);

  beforeAll(async () => {
    fx = await startFixture();
    expect(
      (await api('POST', '/resource-definitions', { name: 'known', schema: { type: 'object' } })).status,
    ).toBe(201);
    expect((await api('POST', '/resources', { name: 'r', resource: 'known', spec: {} })).status).toBe(201);
  });
  afterAll(() => fx.stop());

  it.each(ENTRIES.map((entry) => [entry.what, entry] as const))(
    'refused with 400 naming the field: %s',
    async (_, entry) => {
      await fc.assert(
        fc.asyncProperty(notAToken, async (name) => {
          const answer = await api(...entry.send(name));
          if (sentAsNoSegment(name) && entry.emptyIsNoRoute) {
            expect(answer.status).toBe(404);
          } else {
            expect([name, answer.status]).toEqual([name, 400]);
            expect((answer.json() as { error: string }).error).toMatch(entry.error);
          }
          // Nothing stored: not found (500 as on the server; `.` is normalised away), or refused when too long.
          const lookup = await api('GET', `/resource-definitions/${encodeURIComponent(name) || '%20'}`);
          expect([400, 405, 500]).toContain(lookup.status);
        }),
        { numRuns: 40 },
      );
      expect((await api('GET', '/resources/known/r')).json()).toMatchObject({ metadata: { version: '1' } });
      await guard.check();
    },
  );

  it('accepts any subject token as a definition name', async () => {
    const token = fc
      .string({ minLength: 1, maxLength: 30, unit: 'grapheme' })
      .filter((name) => isSubjectToken(name) && !['apply', 'known'].includes(name));
    await fc.assert(
      fc.asyncProperty(token, async (name) => {
        const created = await api('POST', '/resource-definitions/apply', { name, schema: {} });
        expect([name, created.status]).toEqual([name, 201]);
        expect((await api('GET', `/resource-definitions/${encodeURIComponent(name)}`)).status).toBe(200);
      }),
      { numRuns: 40 },
    );
    await guard.check();
  });
});
