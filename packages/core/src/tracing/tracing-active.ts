import { ProxyTracerProvider, trace } from '@opentelemetry/api';

// Read once: the API's CommonJS exports are getters, and this runs for every message.
const traceApi = trace;
const Proxy = ProxyTracerProvider;
/** What the API's global proxy delegates to while no SDK is registered. */
const NOOP_PROVIDER = new Proxy().getDelegate();

/**
 * Whether an SDK is registered. A few property reads: the hot path asks once per message and, when it
 * is false, allocates no span, no context and no header (tracing off costs nothing measurable).
 */
export function tracingActive(): boolean {
  const provider = traceApi.getTracerProvider();
  return !(provider instanceof Proxy) || provider.getDelegate() !== NOOP_PROVIDER;
}
