import { decodeDriverMessage, MalformedMessageError } from '..';
import { DRIVER_MESSAGE_JSON } from './protocol-examples';

const valid = JSON.parse(DRIVER_MESSAGE_JSON) as Record<string, unknown>;
const resource = JSON.parse(valid.payload as string) as Record<string, unknown>;
const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

function decodeError(data: Uint8Array): MalformedMessageError {
  try {
    decodeDriverMessage(data);
  } catch (error) {
    expect(error).toBeInstanceOf(MalformedMessageError);
    return error as MalformedMessageError;
  }
  throw new Error('expected decodeDriverMessage to throw');
}

describe('decodeDriverMessage on malformed input', () => {
  it.each<[string, Uint8Array, string, RegExp]>([
    ['invalid UTF-8', Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]), 'message', /not valid UTF-8/],
    [
      'invalid UTF-8 beside a real U+FFFD',
      Uint8Array.from([...new TextEncoder().encode('{"a":"\uFFFD"'), 0xc3, 0x28, 0x7d]),
      'message',
      /not valid UTF-8/,
    ],
    ['empty bytes', new Uint8Array(), 'message', /empty, not JSON/],
    ['not JSON', new TextEncoder().encode('{"event": '), 'message', /not valid JSON/],
    ['a JSON array', encode([1, 2]), 'message', /must be a JSON object, got an array/],
    ['a JSON string', encode('hello'), 'message', /must be a JSON object, got string/],
    ['null', encode(null), 'message', /must be a JSON object, got null/],
    ['missing event', encode({ ...valid, event: undefined }), 'event', /is missing/],
    ['missing id', encode({ ...valid, id: undefined }), 'id', /is missing/],
    ['missing run_id', encode({ ...valid, run_id: undefined }), 'run_id', /is missing/],
    ['missing payload', encode({ ...valid, payload: undefined }), 'payload', /is missing/],
    ['numeric event', encode({ ...valid, event: 7 }), 'event', /must be a string \(got number\)/],
    ['run_id with a dot', encode({ ...valid, run_id: 'a.b' }), 'run_id', /single NATS subject token.*'\.'/],
    ['payload a number', encode({ ...valid, payload: 42 }), 'payload', /JSON text \(a string\) or an object/],
    ['payload not JSON', encode({ ...valid, payload: '{oops' }), 'payload', /not valid JSON/],
    ['payload JSON array', encode({ ...valid, payload: '[1]' }), 'payload', /Resource object, got an array/],
    [
      'payload without name',
      encode({ ...valid, payload: JSON.stringify({ ...resource, name: undefined }) }),
      'payload.name',
      /is missing/,
    ],
    [
      'payload with numeric metadata',
      encode({ ...valid, payload: JSON.stringify({ ...resource, metadata: { version: 1 } }) }),
      'payload.metadata',
      /string values/,
    ],
    [
      'payload resource type with a wildcard',
      encode({ ...valid, payload: JSON.stringify({ ...resource, resource: 'a*' }) }),
      'payload.resource',
      /'\*'/,
    ],
    [
      'payload metadata with a "constructor" key',
      encode({ ...valid, payload: JSON.stringify({ ...resource, metadata: { constructor: {} } }) }),
      'payload.metadata',
      /must not hold the key "constructor"/,
    ],
    [
      'payload metadata with a "__proto__" key',
      encode({ ...valid, payload: `{"name":"n","resource":"r","metadata":{"__proto__":{"a":1}}}` }),
      'payload.metadata',
      /must not hold the key "__proto__"/,
    ],
    [
      'an envelope with a "__proto__" key',
      new TextEncoder().encode(`{"event":7,"payload":"{}","id":"a","run_id":"b","__proto__":{"x":1}}`),
      'message',
      /must not hold the key "__proto__"/,
    ],
    [
      'nesting deeper than the validator can walk',
      new TextEncoder().encode(
        `{"event":7,"payload":"{}","id":"a","run_id":"b","x":${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
      ),
      'message',
      /cannot be validated: Maximum call stack size exceeded/,
    ],
    [
      'a payload nested deeper than the validator can walk',
      encode({
        ...valid,
        payload: `{"name":1,"resource":"r","spec":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`,
      }),
      'payload',
      /cannot be validated: Maximum call stack size exceeded/,
    ],
  ])('%s is rejected on field %s', (_name, data, field, problem) => {
    const error = decodeError(data);
    expect(error.field).toBe(field);
    expect(error.problem).toMatch(problem);
    expect(error.message).toContain(field);
  });

  it('lists every problem, not only the first', () => {
    const error = decodeError(encode({ payload: '{}' }));
    expect(error.problems.map((p) => p.field).sort()).toEqual(['event', 'id', 'run_id']);
  });

  it('keeps what it could read, for a failure result', () => {
    const error = decodeError(
      encode({ ...valid, payload: JSON.stringify({ ...resource, spec: 1, name: 3 }) }),
    );
    expect(error.partial).toMatchObject({
      event: 'create',
      id: valid.id,
      run_id: valid.run_id,
      resource: { pipeline: 'flutter-pipeline', resource: 'flutter-builder' },
    });
  });

  it('keeps a readable resource when the envelope is what is malformed, so the engine can store the failure', () => {
    const error = decodeError(encode({ ...valid, event: 42, payload: JSON.stringify(resource) }));
    expect(error.field).toBe('event');
    expect(error.partial.resource).toMatchObject({ name: resource.name, pipeline: 'flutter-pipeline' });
    expect(decodeError(encode({ ...valid, event: 42, payload: '{nope' })).partial.resource).toBeUndefined();
  });

  it('decodes a 2 MB payload without trouble', () => {
    const big = { ...resource, spec: { blob: 'x'.repeat(2 * 1024 * 1024) } };
    const decoded = decodeDriverMessage(encode({ ...valid, payload: JSON.stringify(big) }));
    expect((decoded.resource.spec as { blob: string }).blob).toHaveLength(2 * 1024 * 1024);
  });
});

describe('decodeDriverMessage on text holding U+FFFD', () => {
  it('decodes a valid message whose fields hold the replacement character itself', () => {
    const name = 'web \uFFFD build';
    const decoded = decodeDriverMessage(encode({ ...valid, payload: JSON.stringify({ ...resource, name }) }));
    expect(decoded.resource.name).toBe(name);
  });
});
