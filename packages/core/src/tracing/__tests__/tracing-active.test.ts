import { trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-node';
import { NO_TRACE, traceMessage } from '../message-trace';
import { startRunTrace, traceStepDispatch } from '../pipeline-trace';
import { tracingActive } from '../tracing-active';

const message = {
  subject: 'drivers.d.resources.r',
  data: new Uint8Array(),
  deliveryCount: 1,
  streamSequence: 1,
  receivedAt: 0,
  ack: () => undefined,
  nak: () => undefined,
  term: () => undefined,
  working: () => undefined,
};
const decoded = { event: 'create', id: 'i', runId: 'r', resource: { name: 'n', resource: 'r', spec: null } };
const run = { runId: 'r', resourceType: 'r', resourceName: 'n' };

describe('tracing without and with an SDK', () => {
  afterEach(() => trace.disable());

  it('is off, and allocates nothing, while no SDK is registered', () => {
    expect(tracingActive()).toBe(false);
    expect(traceMessage(message, 'd', decoded)).toBe(NO_TRACE);
    expect(startRunTrace(run).headers).toBeUndefined();
    expect(traceStepDispatch(undefined, undefined, { ...run, index: 0, driver: 'd', event: 'create' })).toBe(
      undefined,
    );
  });

  it('is on once a tracer provider is registered', () => {
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    expect(tracingActive()).toBe(true);
    expect(traceMessage(message, 'd', decoded)).not.toBe(NO_TRACE);
  });
});
