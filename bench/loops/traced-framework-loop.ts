import { context, propagation, trace } from '@opentelemetry/api';
import { BatchSpanProcessor, NodeTracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import { frameworkLoop } from './framework-loop';
import type { LoopKind } from './loop-under-test';

/** Exports nowhere: the cost measured is the spans, their context and headers, not a collector. */
const discard: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: () => Promise.resolve(),
};

/**
 * The framework with the OpenTelemetry SDK registered for the run (a span per message with its
 * publish and ack children, W3C headers on the result, batch export), unregistered again at stop.
 */
export const tracedFrameworkLoop: LoopKind = {
  name: 'framework-traced',
  publishesResults: true,
  async start(options) {
    const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(discard)] });
    provider.register();
    const running = await frameworkLoop.start(options);
    return {
      async stop() {
        await running.stop();
        await provider.shutdown();
        trace.disable();
        context.disable();
        propagation.disable();
      },
    };
  },
};
