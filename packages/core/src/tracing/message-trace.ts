import { SpanKind, SpanStatusCode, context, trace, type Context, type Span } from '@opentelemetry/api';
import type { DeliveredMessage } from '../nats/delivered-message';
import type { DecodedDriverMessage } from '../protocol/decode-driver-message';
import { Subjects } from '../protocol/subjects';
import type { MessageOutcome, Settlement } from '../runtime/settlement';
import { SpanAttributes as A, TRACER_NAME } from './span-attributes';
import { extractTraceContext, injectTraceHeaders, type TraceHeaders } from './trace-headers';
import { tracingActive } from './tracing-active';

/** The trace of one delivered message: a span over its reconcile and settlement, or nothing at all. */
export interface MessageTrace {
  /** Headers for what the reconcile publishes (its log entries); undefined with tracing off. */
  readonly headers: TraceHeaders | undefined;
  /** Runs the reconcile in the span's context, so spans the driver starts are its children. */
  within<T>(reconcile: () => T): T;
  /** Publishes the result in a child span whose context `send` puts on the message. */
  publish(send: (headers: TraceHeaders | undefined) => Promise<void>): Promise<void>;
  /** The message to settle, its ack/nak/term recorded as a child span. */
  settling(message: DeliveredMessage): DeliveredMessage;
  /** Ends the span with how the message ended and what was done with it. */
  end(outcome: MessageOutcome, done: Settlement): void;
}

/** Tracing off: every call passes straight through. */
export const NO_TRACE: MessageTrace = {
  headers: undefined,
  within: (reconcile) => reconcile(),
  publish: (send) => send(undefined),
  settling: (message) => message,
  end: () => undefined,
};

/** Starts a message's span, continuing the trace its headers carry; `NO_TRACE` while no SDK is registered. */
export function traceMessage(
  message: DeliveredMessage,
  driver: string,
  decoded: DecodedDriverMessage,
): MessageTrace {
  return tracingActive() ? new SpanMessageTrace(message, driver, decoded) : NO_TRACE;
}

class SpanMessageTrace implements MessageTrace {
  readonly headers: TraceHeaders | undefined;
  private readonly tracer = trace.getTracer(TRACER_NAME);
  private readonly span: Span;
  private readonly context: Context;

  constructor(message: DeliveredMessage, driver: string, decoded: DecodedDriverMessage) {
    // A method of the message: called through it, not detached.
    const parent = extractTraceContext(message.header && ((name) => message.header?.(name)));
    this.span = this.tracer.startSpan(
      `reconcile ${driver}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          [A.driver]: driver,
          [A.resourceType]: decoded.resource.resource,
          [A.resourceName]: decoded.resource.name,
          [A.pipeline]: decoded.resource.pipeline ?? '',
          [A.runId]: decoded.runId,
          [A.event]: decoded.event,
          [A.attempt]: message.deliveryCount,
          [A.messageId]: decoded.id,
          [A.messagingSystem]: 'nats',
          [A.destination]: message.subject,
        },
      },
      parent,
    );
    this.context = trace.setSpan(parent, this.span);
    this.headers = injectTraceHeaders(this.context);
  }

  within<T>(reconcile: () => T): T {
    return context.with(this.context, reconcile);
  }

  async publish(send: (headers: TraceHeaders | undefined) => Promise<void>): Promise<void> {
    const attributes = { [A.messagingSystem]: 'nats', [A.destination]: Subjects.driverResult };
    const child = this.tracer.startSpan(
      'publish result',
      { kind: SpanKind.PRODUCER, attributes },
      this.context,
    );
    try {
      await send(injectTraceHeaders(trace.setSpan(this.context, child)));
    } catch (error) {
      fail(child, error as Error);
      throw error;
    } finally {
      child.end();
    }
  }

  settling(message: DeliveredMessage): DeliveredMessage {
    const traced = (action: string, settle: () => void) => {
      const child = this.tracer.startSpan(action, {}, this.context);
      try {
        settle();
      } catch (error) {
        fail(child, error as Error);
        throw error;
      } finally {
        child.end();
      }
    };
    return {
      subject: message.subject,
      data: message.data,
      deliveryCount: message.deliveryCount,
      streamSequence: message.streamSequence,
      receivedAt: message.receivedAt,
      header: (name) => message.header?.(name),
      ack: () => traced('ack', () => message.ack()),
      nak: (delayMs) => traced('nak', () => message.nak(delayMs)),
      term: (reason) => traced('term', () => message.term(reason)),
      working: () => message.working(),
    };
  }

  end(outcome: MessageOutcome, done: Settlement): void {
    const result = outcome.kind === 'reconciled' ? outcome.result : undefined;
    const named = result ? (result.success ? 'success' : 'failure') : outcome.kind;
    this.span.setAttributes({ [A.outcome]: named, [A.settlement]: done.action });
    if (outcome.kind === 'failed' || outcome.kind === 'unpublished') fail(this.span, outcome.error);
    else if (result && !result.success)
      this.span.setStatus({ code: SpanStatusCode.ERROR, message: result.message });
    else if (done.action !== 'ack') this.span.setStatus({ code: SpanStatusCode.ERROR, message: done.reason });
    this.span.end();
  }
}

function fail(span: Span, error: Error): void {
  span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
}
