import { SpanKind, SpanStatusCode, trace, type Link } from '@opentelemetry/api';
import { SpanAttributes as A, TRACER_NAME } from './span-attributes';
import {
  extractTraceContext,
  injectTraceHeaders,
  type HeaderReader,
  type TraceHeaders,
} from './trace-headers';
import { tracingActive } from './tracing-active';

/** What identifies a run in its spans. */
export interface RunSpanAttributes {
  runId: string;
  pipeline?: string;
  resourceType: string;
  resourceName: string;
}

/** A run's root span: its headers go on the run's first message; `end` closes it. */
export interface RunTrace {
  readonly headers: TraceHeaders | undefined;
  end(error?: Error): void;
}

const NO_RUN_TRACE: RunTrace = { headers: undefined, end: () => undefined };

/**
 * The root span of a run, started where the run begins (`POST /resources`): everything the run does
 * afterwards, on any process that propagates the headers, joins its trace.
 */
export function startRunTrace(run: RunSpanAttributes): RunTrace {
  if (!tracingActive()) return NO_RUN_TRACE;
  const span = trace.getTracer(TRACER_NAME).startSpan(`run ${run.pipeline ?? run.resourceType}`, {
    kind: SpanKind.SERVER,
    attributes: runAttributes(run),
  });
  return {
    headers: injectTraceHeaders(trace.setSpan(extractTraceContext(undefined), span)),
    end(error) {
      if (error) {
        span.recordException(error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
      }
      span.end();
    },
  };
}

/**
 * A step handed to its driver: a producer span, child of the run's root span (`run`, kept with the run)
 * or else of the message that caused it, and linked to that message (the previous step's result).
 * Returns the headers for the step's message; undefined with tracing off.
 */
export function traceStepDispatch(
  run: TraceHeaders | undefined,
  cause: HeaderReader | undefined,
  step: RunSpanAttributes & { index: number; driver: string; event: string },
): TraceHeaders | undefined {
  if (!tracingActive()) return undefined;
  const causeContext = trace.getSpanContext(extractTraceContext(cause));
  const parent = extractTraceContext(run ? (name) => run[name] : cause);
  const links: Link[] = run && causeContext ? [{ context: causeContext }] : [];
  const span = trace.getTracer(TRACER_NAME).startSpan(
    `step ${step.index} ${step.driver}`,
    {
      kind: SpanKind.PRODUCER,
      links,
      attributes: {
        ...runAttributes(step),
        [A.step]: step.index,
        [A.driver]: step.driver,
        [A.event]: step.event,
        [A.messagingSystem]: 'nats',
      },
    },
    parent,
  );
  const headers = injectTraceHeaders(trace.setSpan(parent, span));
  span.end();
  return headers;
}

function runAttributes(run: RunSpanAttributes) {
  return {
    [A.runId]: run.runId,
    [A.pipeline]: run.pipeline ?? '',
    [A.resourceType]: run.resourceType,
    [A.resourceName]: run.resourceName,
  };
}
