import { context, propagation, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-node';

/** The OpenTelemetry SDK registered globally (W3C propagation, async context), spans kept in memory. */
export class InMemoryTracing {
  private readonly exporter = new InMemorySpanExporter();
  private readonly provider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(this.exporter)],
  });

  constructor() {
    this.provider.register();
  }

  spans(): ReadableSpan[] {
    return this.exporter.getFinishedSpans();
  }

  /** The finished spans of one trace. */
  trace(traceId: string): ReadableSpan[] {
    return this.spans().filter((s) => s.spanContext().traceId === traceId);
  }

  async uninstall(): Promise<void> {
    await this.provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  }
}

/** The span's parent span id, or undefined for a root. */
export const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;
