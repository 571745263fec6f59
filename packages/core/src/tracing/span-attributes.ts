/** Span attribute names, in one place (`conveyor.*`, plus OpenTelemetry's messaging conventions). */
export const SpanAttributes = {
  driver: 'conveyor.driver',
  resourceType: 'conveyor.resource.type',
  resourceName: 'conveyor.resource.name',
  pipeline: 'conveyor.pipeline',
  runId: 'conveyor.run_id',
  event: 'conveyor.event',
  attempt: 'conveyor.attempt',
  step: 'conveyor.step',
  outcome: 'conveyor.outcome',
  settlement: 'conveyor.settlement',
  messageId: 'messaging.message.id',
  messagingSystem: 'messaging.system',
  destination: 'messaging.destination.name',
} as const;

/** The tracer's instrumentation scope. */
export const TRACER_NAME = '@conveyor-ts/core';
