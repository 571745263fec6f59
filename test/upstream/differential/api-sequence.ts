/**
 * One scripted sequence of API calls, sent as is to the real server and to the local control plane.
 * Each call builds on the ones before it (a definition, then resources of its type, ...), so both
 * servers go through the same states.
 */
export interface ScriptedCall {
  /** Unique: differences are reported, and allowed, by label. */
  label: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS';
  path: string;
  /** An object is sent as JSON; a string is sent verbatim (bad JSON). */
  body?: unknown;
  /** Default `application/json` when there is a body. */
  contentType?: string;
  /** Compare only this view of the body (documents too large, or too build-specific, to diff whole). */
  project?: (body: unknown) => unknown;
}

const schema = {
  type: 'object',
  properties: { repo: { type: 'string', minLength: 3 }, n: { type: 'integer' } },
  required: ['repo'],
};
/** Exercises the validator's wording of each common keyword (the messages are compared verbatim). */
const strictSchema = {
  type: 'object',
  required: ['repo', 'ref'],
  properties: {
    repo: { type: 'string', minLength: 3, pattern: '^https://' },
    ref: { type: 'string' },
    n: { type: 'integer', minimum: 1, maximum: 9 },
    mode: { enum: ['fast', 'slow'] },
    tags: { type: 'array', minItems: 1, maxItems: 2 },
  },
  additionalProperties: false,
};
const strictCases: Array<[string, unknown]> = [
  ['null spec', null],
  ['missing properties', {}],
  ['wrong type', { repo: 5, ref: 'x' }],
  ['too short', { repo: 'ab', ref: 'x' }],
  ['pattern', { repo: 'http://x', ref: 'x' }],
  ['minimum', { repo: 'https://x', ref: 'x', n: 0 }],
  ['maximum', { repo: 'https://x', ref: 'x', n: 10 }],
  ['integer', { repo: 'https://x', ref: 'x', n: 1.5 }],
  ['enum', { repo: 'https://x', ref: 'x', mode: 'x' }],
  ['min items', { repo: 'https://x', ref: 'x', tags: [] }],
  ['max items', { repo: 'https://x', ref: 'x', tags: [1, 2, 3] }],
  ['additional property', { repo: 'https://x', ref: 'x', extra: 1 }],
  ['quote in a key', { repo: 'https://x', ref: 'x', "it's": 1 }],
];
const spec = { repo: 'https://example.com/app.git', n: 1 };
// Distinct times: the server orders entries of one time at random (docs/control-plane.md).
const log = (message: string, second: number) => ({
  runid: 'diff-run',
  driver: 'diff-driver',
  pipeline: 'diff-pipeline',
  timestamp: `2026-12-01T10:00:0${second}.000Z`,
  message,
});

export const API_SEQUENCE: readonly ScriptedCall[] = [
  { label: 'health', method: 'GET', path: '/health' },
  { label: 'banner', method: 'GET', path: '/', project: (text) => typeof text },
  { label: 'unknown route', method: 'GET', path: '/nowhere' },
  { label: 'unknown route POST', method: 'POST', path: '/nowhere', body: {} },
  // Early: the server's HTTP metric labels are cut from reused request buffers (method "POS" for a
  // GET), and after enough requests its /metrics answers 500 (docs/compatibility.md).
  { label: 'metrics', method: 'GET', path: '/metrics', project: httpMetricFamilies },
  { label: 'CORS preflight', method: 'OPTIONS', path: '/resources' },

  // Definitions
  {
    label: 'definition create',
    method: 'POST',
    path: '/resource-definitions',
    body: { name: 'job', schema },
  },
  {
    label: 'definition duplicate',
    method: 'POST',
    path: '/resource-definitions',
    body: { name: 'job', schema },
  },
  { label: 'definition bad JSON', method: 'POST', path: '/resource-definitions', body: '{"name": ' },
  {
    label: 'definition wrong content type',
    method: 'POST',
    path: '/resource-definitions',
    body: JSON.stringify({ name: 'x', schema }),
    contentType: 'text/plain',
  },
  { label: 'definition wrong field type', method: 'POST', path: '/resource-definitions', body: { name: 5 } },
  { label: 'definition get', method: 'GET', path: '/resource-definitions/job' },
  { label: 'definition get trailing slash', method: 'GET', path: '/resource-definitions/job/' },
  { label: 'definition get unknown', method: 'GET', path: '/resource-definitions/ghost' },
  {
    label: 'definition update',
    method: 'PUT',
    path: '/resource-definitions/job',
    body: { name: 'job', description: 'jobs', schema },
  },
  {
    label: 'definition update unknown',
    method: 'PUT',
    path: '/resource-definitions/ghost',
    body: { name: 'ghost' },
  },
  {
    label: 'definition apply create',
    method: 'POST',
    path: '/resource-definitions/apply',
    body: { name: 'other', schema: true },
  },
  {
    label: 'definition apply update',
    method: 'POST',
    path: '/resource-definitions/apply',
    body: { name: 'other', description: 'updated', schema: true },
  },
  {
    label: 'definition apply no name',
    method: 'POST',
    path: '/resource-definitions/apply',
    body: { schema: true },
  },
  { label: 'definition after apply', method: 'GET', path: '/resource-definitions/other' },

  {
    label: 'definition strict',
    method: 'POST',
    path: '/resource-definitions',
    body: { name: 'strict', schema: strictSchema },
  },
  ...strictCases.map(([what, strictSpec]): ScriptedCall => ({
    label: `validation: ${what}`,
    method: 'POST',
    path: '/resources',
    body: { name: 'v', resource: 'strict', spec: strictSpec },
  })),

  // Pipelines
  {
    label: 'pipeline create',
    method: 'POST',
    path: '/pipelines',
    body: {
      name: 'p',
      resource: 'job',
      steps: [
        { name: 'one', driver: 'd1' },
        { name: 'two', driver: 'd2' },
      ],
    },
  },
  {
    label: 'pipeline overwrite',
    method: 'POST',
    path: '/pipelines',
    body: { name: 'p', resource: 'job', steps: [{ name: 'one', driver: 'd1' }] },
  },
  {
    label: 'pipeline unknown type',
    method: 'POST',
    path: '/pipelines',
    body: { name: 'q', resource: 'ghost', steps: [] },
  },
  { label: 'pipeline bad JSON', method: 'POST', path: '/pipelines', body: '[' },
  {
    label: 'pipeline other type',
    method: 'POST',
    path: '/pipelines',
    body: { name: 'po', resource: 'other', steps: [] },
  },
  { label: 'pipeline get', method: 'GET', path: '/pipelines/p' },

  // Resources
  {
    label: 'resource create',
    method: 'POST',
    path: '/resources',
    body: { name: 'r1', resource: 'job', spec },
  },
  {
    label: 'resource duplicate',
    method: 'POST',
    path: '/resources',
    body: { name: 'r1', resource: 'job', spec },
  },
  {
    label: 'resource caller metadata discarded',
    method: 'POST',
    path: '/resources',
    body: { name: 'r2', resource: 'job', spec, metadata: { mine: 'x' } },
  },
  {
    label: 'resource invalid spec',
    method: 'POST',
    path: '/resources',
    body: { name: 'r3', resource: 'job', spec: { n: 1 } },
  },
  { label: 'resource no spec', method: 'POST', path: '/resources', body: { name: 'r3', resource: 'job' } },
  { label: 'resource no type', method: 'POST', path: '/resources', body: { name: 'r3', spec } },
  {
    label: 'resource unknown type',
    method: 'POST',
    path: '/resources',
    body: { name: 'r3', resource: 'ghost', spec },
  },
  {
    label: 'resource unknown pipeline',
    method: 'POST',
    path: '/resources',
    body: { name: 'r3', resource: 'job', pipeline: 'ghost', spec },
  },
  {
    label: 'resource pipeline type mismatch',
    method: 'POST',
    path: '/resources',
    body: { name: 'r3', resource: 'job', pipeline: 'po', spec },
  },
  { label: 'resource bad JSON', method: 'POST', path: '/resources', body: '{' },
  {
    label: 'resource wrong metadata type',
    method: 'POST',
    path: '/resources',
    body: { name: 'r3', resource: 'job', metadata: { n: 1 }, spec },
  },
  {
    label: 'resource with pipeline',
    method: 'POST',
    path: '/resources',
    body: { name: 'r4', resource: 'job', pipeline: 'p', spec },
  },
  { label: 'resource get', method: 'GET', path: '/resources/job/r1' },
  { label: 'resource get metadata discarded', method: 'GET', path: '/resources/job/r2' },
  { label: 'resource get unknown', method: 'GET', path: '/resources/job/ghost' },
  { label: 'resource version 1', method: 'GET', path: '/resources/job/r1/1' },
  { label: 'resource version unknown', method: 'GET', path: '/resources/job/r1/7' },
  {
    label: 'resource update',
    method: 'PUT',
    path: '/resources/job/r1',
    body: { name: 'r1', resource: 'job', spec: { repo: 'https://example.com/b.git' } },
  },
  {
    label: 'resource update invalid',
    method: 'PUT',
    path: '/resources/job/r1',
    body: { name: 'r1', resource: 'job', spec: { repo: 1 } },
  },
  {
    label: 'resource update unknown',
    method: 'PUT',
    path: '/resources/job/ghost',
    body: { name: 'ghost', resource: 'job', spec },
  },
  { label: 'resource version 2', method: 'GET', path: '/resources/job/r1/2' },
  { label: 'resource list', method: 'GET', path: '/resources' },
  { label: 'resource list of type', method: 'GET', path: '/resources/job' },
  { label: 'resource delete', method: 'DELETE', path: '/resources/job/r1' },
  { label: 'resource delete unknown', method: 'DELETE', path: '/resources/job/ghost' },
  { label: 'resource get deleted', method: 'GET', path: '/resources/job/r1' },
  { label: 'resource snapshot outlives delete', method: 'GET', path: '/resources/job/r1/1' },

  // Logs
  { label: 'log create', method: 'POST', path: '/logs', body: log('first line', 1) },
  { label: 'log create second', method: 'POST', path: '/logs', body: log('second line', 2) },
  { label: 'log bad JSON', method: 'POST', path: '/logs', body: '{' },
  { label: 'log wrong field type', method: 'POST', path: '/logs', body: { runid: 7 } },
  { label: 'log query by run', method: 'GET', path: '/logs?runid=diff-run' },
  {
    label: 'log query by driver and pipeline',
    method: 'GET',
    path: '/logs?driver=diff-driver&pipeline=diff-pipeline',
  },
  { label: 'log query no match', method: 'GET', path: '/logs?runid=nobody' },

  // Legacy broadcast, docs, deletes of definitions
  {
    label: 'broadcast message',
    method: 'POST',
    path: '/drivers/broadcast-message',
    body: { event: 'create', payload: '{}', run_id: 'x' },
  },
  { label: 'broadcast bad JSON', method: 'POST', path: '/drivers/broadcast-message', body: '{' },
  {
    label: 'swagger document',
    method: 'GET',
    path: '/swagger/doc.json',
    project: (doc) => Object.keys((doc as { paths: object }).paths).sort(),
  },
  { label: 'definition delete', method: 'DELETE', path: '/resource-definitions/other' },
  { label: 'definition delete unknown', method: 'DELETE', path: '/resource-definitions/ghost' },
  { label: 'definition get deleted', method: 'GET', path: '/resource-definitions/other' },
];

/** The HTTP metric families a Prometheus text exposition declares, with their types. */
function httpMetricFamilies(text: unknown): string[] {
  return String(text)
    .split('\n')
    .filter((line) => line.startsWith('# TYPE http_'))
    .map((line) => line.slice('# TYPE '.length))
    .sort();
}
