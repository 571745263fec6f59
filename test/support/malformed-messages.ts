import { encodeJson } from '@conveyor-ts/core';

/** One bad input: its bytes, a fragment its log line (and failure result) must contain, its run id if readable. */
export interface MalformedCase {
  name: string;
  data: Uint8Array;
  problem: RegExp;
  runId?: string;
}

const text = (s: string) => new TextEncoder().encode(s);
let ids = 0;

/**
 * Malformed DriverMessages for a driver of resource type `resource`, shared by the manager's
 * malformed-message test and the chaos suite. Each call returns fresh message ids (results are
 * deduplicated by id, as they must be for real redeliveries); run ids are `run-<tag>` with `tag`
 * appended when given, so two corpora in one stream stay apart.
 */
export function malformedCorpus(resource: string, tag = ''): MalformedCase[] {
  const run = (name: string) => `run-${name}${tag}`;
  const validPayload = JSON.stringify({
    id: 'r1',
    name: 'n',
    resource,
    pipeline: 'p',
    metadata: null,
    spec: null,
  });
  const envelope = (fields: Record<string, unknown>) =>
    encodeJson({
      event: 'create',
      payload: validPayload,
      id: `bad${(ids += 1)}`,
      run_id: run('x'),
      ...fields,
    });
  const payload = (fields: Record<string, unknown>) =>
    JSON.stringify({ id: 'r1', name: 'n', resource, pipeline: 'p', ...fields });
  return [
    { name: 'not JSON', data: text('hello {'), problem: /message: is not valid JSON/ },
    {
      name: 'JSON that is not an object',
      data: text('[1,2]'),
      problem: /message: must be a JSON object, got an array/,
    },
    {
      name: 'missing event',
      data: encodeJson({ payload: validPayload, id: `m${(ids += 1)}`, run_id: run('ev') }),
      problem: /event/,
      runId: run('ev'),
    },
    {
      name: 'missing id',
      data: encodeJson({ event: 'create', payload: validPayload, run_id: run('id') }),
      problem: /\bid\b/,
      runId: run('id'),
    },
    {
      name: 'missing run_id',
      data: encodeJson({ event: 'create', payload: validPayload, id: `m${(ids += 1)}` }),
      problem: /run_id/,
    },
    {
      name: 'payload not JSON',
      data: envelope({ payload: '{nope', run_id: run('pj') }),
      problem: /payload: is not valid JSON/,
      runId: run('pj'),
    },
    {
      name: 'payload not a resource',
      data: envelope({ payload: '"just text"', run_id: run('pr') }),
      problem: /payload: must hold a Resource object, got string/,
      runId: run('pr'),
    },
    {
      name: 'wrong field types',
      data: envelope({ event: 42, run_id: run('wt') }),
      problem: /event/,
      runId: run('wt'),
    },
    {
      name: 'resource with wrong types',
      data: envelope({ payload: JSON.stringify({ name: 7, resource }), run_id: run('rt') }),
      problem: /payload\.name/,
      runId: run('rt'),
    },
    {
      name: 'a 2 MB payload that is not JSON',
      data: envelope({ payload: 'x'.repeat(2 * 1024 * 1024), run_id: run('big') }),
      problem: /payload: is not valid JSON/,
      runId: run('big'),
    },
    {
      name: 'invalid UTF-8',
      data: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      problem: /message: is not valid UTF-8/,
    },
    { name: 'empty message', data: new Uint8Array(0), problem: /message: is empty/ },
    { name: 'JSON null', data: text('null'), problem: /message: must be a JSON object, got null/ },
    {
      name: 'truncated JSON',
      data: text('{"event":"create","payload":'),
      problem: /message: is not valid JSON/,
    },
    {
      name: 'payload missing',
      data: envelope({ payload: undefined, run_id: run('pm') }),
      problem: /payload/,
      runId: run('pm'),
    },
    {
      name: 'id that is not a subject token',
      data: envelope({ id: 'has space.and dot', run_id: run('tok') }),
      problem: /\bid\b/,
      runId: run('tok'),
    },
    { name: 'run_id that is a number', data: envelope({ run_id: 42 }), problem: /run_id/ },
    {
      name: 'resource type that is not a subject token',
      data: envelope({ payload: payload({ resource: 'a.b' }), run_id: run('rtok') }),
      problem: /payload\.resource/,
      runId: run('rtok'),
    },
    {
      name: 'metadata with a non-string value',
      data: envelope({ payload: payload({ metadata: { replicas: 3 } }), run_id: run('md') }),
      problem: /payload\.metadata/,
      runId: run('md'),
    },
    {
      name: 'an id with a line break (it must not reach the Nats-Msg-Id header of the result)',
      data: envelope({ id: 'line\r\nbreak', event: 7, run_id: run('crlf') }),
      problem: /\bid\b/,
      runId: run('crlf'),
    },
    {
      name: 'metadata with a "constructor" key (class-transformer throws on it)',
      data: envelope({ payload: payload({ metadata: { constructor: { a: 1 } } }), run_id: run('ctor') }),
      problem: /payload\.metadata: must not hold the key "constructor"/,
      runId: run('ctor'),
    },
    {
      name: 'nesting deeper than the validator can walk',
      data: envelope({
        payload: `{"name":1,"resource":"${resource}","spec":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`,
        run_id: run('deep'),
      }),
      problem: /payload: cannot be validated: Maximum call stack size exceeded/,
      runId: run('deep'),
    },
  ];
}
