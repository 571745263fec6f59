import { context, propagation, type Context, type TextMapGetter } from '@opentelemetry/api';

/** Trace context as message headers (W3C `traceparent`/`tracestate` with the SDK's default propagator). */
export type TraceHeaders = Readonly<Record<string, string>>;

/** Reads one header of an incoming message; NATS headers behind a function, so no client type leaks. */
export type HeaderReader = (name: string) => string | undefined;

const readerGetter: TextMapGetter<HeaderReader> = {
  get: (read, key) => read(key) || undefined,
  // The W3C propagator asks for its fields by name; listing the carrier's keys is never needed.
  keys: () => [],
};

/** The context carried by an incoming message's headers, or the active one when it has none. */
export function extractTraceContext(read: HeaderReader | undefined): Context {
  return read ? propagation.extract(context.active(), read, readerGetter) : context.active();
}

/** The headers that carry `ctx` to whoever receives a message, or undefined when there is nothing to carry. */
export function injectTraceHeaders(ctx: Context): TraceHeaders | undefined {
  const headers: Record<string, string> = {};
  propagation.inject(ctx, headers);
  return Object.keys(headers).length > 0 ? headers : undefined;
}
