import { ProxyTracerProvider, trace } from '@opentelemetry/api';

/** What the API's global proxy delegates to while no SDK is registered. */
const NOOP_PROVIDER = new ProxyTracerProvider().getDelegate();

/**
 * Whether an SDK is registered. Two property reads: the hot path asks once per message and, when it is
 * false, allocates no span, no context and no header (tracing off costs nothing measurable).
 */
export function tracingActive(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegate() !== NOOP_PROVIDER;
}
