import fc from 'fast-check';
import { startFixture, type Fixture } from '../support/control-plane-fixture';
import { call, rawRequest } from '../support/raw-http';
import { PlaneGuard } from './guard';

jest.setTimeout(120_000);

/** The server's own 500s (protocol §5: a missing object is a 500 there); anything else is a defect. */
const SERVER_SHAPED_500 = /^\{"error":"Failed to (find|get|insert|update|delete) /;
const ROUTES = [
  '/resources',
  '/resources/:a/:b',
  '/resources/:a/:b/:c',
  '/resource-definitions',
  '/resource-definitions/apply',
  '/resource-definitions/:a',
  '/pipelines',
  '/pipelines/:a',
  '/logs',
  '/runs',
  '/runs/:a',
  '/health',
];
const CANARY = { definition: 'canary', resource: 'c1', pipeline: 'canary-p' };

const segment = fc.oneof(
  fc.constantFrom(CANARY.definition, CANARY.resource, CANARY.pipeline, '1', 'apply', '..', '%', '%2F', '%00'),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.stringMatching(/^[\x21-\x7e]{0,12}$/),
  fc
    .uint8Array({ maxLength: 6 })
    .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
);
const target = fc.oneof(
  fc
    .tuple(fc.constantFrom(...ROUTES), fc.array(segment, { minLength: 3, maxLength: 3 }), fc.boolean())
    .map(
      ([route, [a, b, c], slash]) =>
        route.replace(':a', a).replace(':b', b).replace(':c', c) + (slash ? '/' : ''),
    ),
  fc
    .tuple(fc.constantFrom(...ROUTES), fc.stringMatching(/^[\x21-\x7e]{0,30}$/))
    .map(([route, q]) => `${route}?${q}`),
  fc.stringMatching(/^[\x21-\x7e]{0,40}$/),
);
const name = fc.oneof(fc.constantFrom(...Object.values(CANARY)), fc.string({ maxLength: 10 }));
const shapedBody = fc.record(
  {
    name,
    resource: name,
    pipeline: name,
    spec: fc.jsonValue({ maxDepth: 3 }),
    schema: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ type: 'object' })),
    steps: fc.oneof(fc.array(fc.record({ driver: name }), { maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })),
    metadata: fc.jsonValue({ maxDepth: 1 }),
    runid: name,
    driver: name,
    message: fc.string(),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  { weight: 4, arbitrary: shapedBody.map((b) => Buffer.from(JSON.stringify(b))) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v))) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
);
const request = fc.record({
  method: fc.constantFrom(
    'GET',
    'POST',
    'PUT',
    'DELETE',
    'PATCH',
    'HEAD',
    'OPTIONS',
    'TRACE',
    'BREW',
    'M-SEARCH',
  ),
  target,
  contentType: fc.constantFrom(
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    '\x01',
  ),
  headers: fc.array(fc.tuple(fc.stringMatching(/^[a-z-]{1,10}$/), fc.stringMatching(/^[\x20-\x7e]{0,20}$/)), {
    maxLength: 3,
  }),
  body,
});

/**
 * Any method, target, headers and body: a 2xx/4xx answer (or one of the server's own "Failed to …"
 * 500s), never an unexpected failure, and a refused request changes nothing.
 */
describe('fuzz: the control plane HTTP surface', () => {
  let fx: Fixture;
  const guard = new PlaneGuard(() => fx);
  const api = (method: string, path: string, json?: unknown) => call(fx.plane.apiUrl, method, path, json);

  /** The canary objects and the run list, which a refused request must leave as they were. */
  const state = async (): Promise<string> =>
    JSON.stringify(
      await Promise.all(
        [
          `/resource-definitions/${CANARY.definition}`,
          `/resources/${CANARY.definition}/${CANARY.resource}`,
          `/pipelines/${CANARY.pipeline}`,
          '/runs',
        ].map(async (path) => (await api('GET', path)).text),
      ),
    );
  const plantCanaries = async (): Promise<void> => {
    await api('POST', '/resource-definitions/apply', { name: CANARY.definition, schema: { type: 'object' } });
    await api('POST', '/pipelines', { name: CANARY.pipeline, resource: CANARY.definition, steps: [] });
    await api('POST', '/resources', { name: CANARY.resource, resource: CANARY.definition, spec: {} });
  };

  beforeAll(async () => {
    fx = await startFixture();
    await plantCanaries();
  });
  afterAll(() => fx.stop());

  it.each([1, 2, 3])(
    'batch %i: every request answered, refusals change nothing, the plane still serving',
    async () => {
      await fc.assert(
        fc.asyncProperty(request, async ({ method, target: path, contentType, headers, body: payload }) => {
          const before = await state();
          const head = [
            `${method} ${path} HTTP/1.1`,
            'Host: localhost',
            ...(contentType === undefined ? [] : [`Content-Type: ${contentType}`]),
            ...headers.map(([key, value]) => `X-${key}: ${value}`),
            `Content-Length: ${payload.length}`,
          ].join('\r\n');
          const answer = await rawRequest(fx.plane.apiUrl, head, payload);
          const shaped500 = answer.status === 500 && SERVER_SHAPED_500.test(answer.body);
          if (!shaped500 && !(answer.status >= 200 && answer.status < 500)) {
            throw new Error(`${method} ${path} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
          }
          expect(fx.logger.errors).toEqual([]);
          if (answer.status >= 400) expect(await state()).toBe(before);
          else if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') await plantCanaries();
        }),
        { numRuns: 120 },
      );
      await guard.check();
    },
  );
});
