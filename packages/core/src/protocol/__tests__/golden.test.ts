import {
  buildInitEvent,
  buildResultEvent,
  decodeDriverMessage,
  encodeDriverMessage,
  findFieldProblems,
  LogEntry,
  Pipeline,
  PipelineEvent,
  Resource,
  ResourceDefinition,
  toWireLogEntry,
  toWireResource,
} from '..';
import {
  DEFINITION_JSON,
  DRIVER_MESSAGE_JSON,
  LOG_JSON,
  PIPELINE_JSON,
  RESOURCE_JSON,
  RESULT_EVENT_JSON,
} from './protocol-examples';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array): string => new TextDecoder().decode(data);

describe('protocol section 3 examples', () => {
  it.each([
    ['Resource', Resource, RESOURCE_JSON],
    ['ResourceDefinition', ResourceDefinition, DEFINITION_JSON],
    ['Pipeline', Pipeline, PIPELINE_JSON],
    ['PipelineEvent', PipelineEvent, RESULT_EVENT_JSON],
    ['LogEntry', LogEntry, LOG_JSON],
  ])('%s validates without problems', (_name, model, json) => {
    expect(findFieldProblems(model as new () => object, JSON.parse(json))).toEqual([]);
  });

  it('a Resource re-encodes to the same JSON, field order included', () => {
    expect(JSON.stringify(toWireResource(JSON.parse(RESOURCE_JSON)))).toBe(RESOURCE_JSON);
  });

  it('a DriverMessage decodes the string-encoded payload and re-encodes byte for byte', () => {
    const decoded = decodeDriverMessage(bytes(DRIVER_MESSAGE_JSON));
    expect(decoded).toMatchObject({
      event: 'create',
      id: '9b2f4c1d8e7a6b5c4d3e2f1a',
      runId: '5d1c9a8e-2b7f-4c3e-9a1d-0e6f7b8c9d0a',
      resource: { name: 'build-app', resource: 'flutter-builder', pipeline: 'flutter-pipeline' },
    });
    const again = encodeDriverMessage({ ...decoded, runId: decoded.runId });
    expect(text(again)).toBe(DRIVER_MESSAGE_JSON);
  });

  it('a DriverMessage with an object payload (SDD / Rust form) is tolerated', () => {
    const raw = JSON.parse(DRIVER_MESSAGE_JSON);
    raw.payload = JSON.parse(raw.payload);
    expect(decodeDriverMessage(bytes(JSON.stringify(raw))).resource.name).toBe('build-app');
  });

  it('a result PipelineEvent encodes exactly as the example, with the keys the engine reads', () => {
    const example = JSON.parse(RESULT_EVENT_JSON);
    const event = buildResultEvent(
      example.run_id,
      example.resource,
      { success: true, message: 'container started', data: { containerID: 'c0ffee' } },
      'container-start',
    );
    expect(JSON.stringify(event)).toBe(RESULT_EVENT_JSON);
    expect(Object.keys(event)).toEqual(['event', 'run_id', 'resource', 'driverresult']);
    expect(Object.keys(event.driverresult)).toEqual(['success', 'message', 'data', 'driver']);
  });

  it('a result without data carries data: null, as Go encodes a nil value', () => {
    const event = buildResultEvent('r', JSON.parse(RESOURCE_JSON), { success: false, message: 'no' }, 'd');
    expect(event.driverresult).toEqual({ success: false, message: 'no', data: null, driver: 'd' });
  });

  it('the init PipelineEvent has a zero-valued driverresult', () => {
    const event = buildInitEvent('r', JSON.parse(RESOURCE_JSON));
    expect(event.event).toBe('create');
    expect(event.driverresult).toEqual({ success: false, message: '', data: null, driver: '' });
  });

  it('a Log entry uses runid (not run_id) and re-encodes to the same JSON', () => {
    const entry = JSON.parse(LOG_JSON);
    expect(JSON.stringify(toWireLogEntry(entry))).toBe(LOG_JSON);
    expect(Object.keys(toWireLogEntry(entry))).toContain('runid');
    expect(Object.keys(toWireLogEntry(entry))).not.toContain('run_id');
  });

  it('Go zero values appear and an empty pipeline is omitted', () => {
    expect(toWireResource({ name: 'n', resource: 't' })).toEqual({
      id: '',
      name: 'n',
      resource: 't',
      metadata: null,
      spec: null,
    });
  });
});
