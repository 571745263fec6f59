// The public API, by name: a name added here is a decision (the API report test in __tests__ snapshots it).
// Tuning constants, the NATS adapter's internals and the runtime's plumbing stay inside the package.

// Defaults a user may pass on or compare against.
export {
  DEFAULT_ACK_WAIT_MS,
  DEFAULT_API_URL,
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_NATS_URL,
  DEFAULT_RECONCILE_TIMEOUT_MS,
  DEFAULT_SHUTDOWN_GRACE_MS,
  MAX_NAME_BYTES,
} from './constants';

// Writing a driver and running it.
export type { DriverDefinition, ReconcileFunction, ReconcileOutcome } from './runtime/driver-definition';
export type { DriverOptions } from './runtime/driver-options';
export type { ReconcileContext, MessageInfo } from './runtime/reconcile-context';
export { DriverManager, type DriverManagerOptions } from './runtime/driver-manager';
export type {
  DriverManagerEvents,
  LogsDroppedEvent,
  ManagerProblemEvent,
  MessageReceivedEvent,
  MessageReconciledEvent,
  MessageRetriedEvent,
  MessageTerminatedEvent,
} from './events/driver-manager-events';
export { ReconcileTimeoutError } from './runtime/reconcile-timeout-error';
export { ShutdownAbortError } from './runtime/shutdown-abort-error';
export type { RetryPolicy, ResolvedDriverOptions } from './runtime/resolve-driver-options';
export { findDriverOptionProblems, type DriverOptionProblem } from './runtime/driver-option-rules';
// The testing kit normalizes a reconcile's return exactly as the runtime does.
export { normalizeReconcileResult } from './runtime/normalize-reconcile-result';

// The wire model and its codecs: drivers, the control plane and the CLI read and write the same JSON.
// The model classes are values: class-validator checks them (`findFieldProblems`), class-transformer builds them.
export { Resource } from './protocol/model/resource';
export { ResourceDefinition } from './protocol/model/resource-definition';
export { Pipeline, Step } from './protocol/model/pipeline';
export { DriverMessage } from './protocol/model/driver-message';
export { DriverResultEvent, type DriverResult } from './protocol/model/driver-result';
export { PipelineEvent } from './protocol/model/pipeline-event';
export { LogEntry } from './protocol/model/log-entry';
export { IsSubjectToken } from './protocol/model/is-subject-token';
export {
  Subjects,
  StreamNames,
  driverFilterSubjects,
  parseDeliverySubject,
  type DeliveryRoute,
} from './protocol/subjects';
export {
  isSubjectToken,
  assertSubjectToken,
  subjectTokenProblem,
  nameLengthProblem,
  describeType,
} from './protocol/subject-token-rules';
export { findFieldProblems, formatFieldProblems, type FieldProblem } from './protocol/field-problems';
export { MalformedMessageError, type PartialDriverMessage } from './protocol/malformed-message-error';
export { decodeDriverMessage, type DecodedDriverMessage } from './protocol/decode-driver-message';
export {
  buildInitEvent,
  buildResultEvent,
  encodeDriverMessage,
  encodeJson,
  toDriverResultEvent,
  toWireLogEntry,
  toWireResource,
} from './protocol/encode';
export { readStepResult, readStepResults, stepResultKey } from './protocol/read-step-result';
export { StepResultError } from './protocol/step-result-error';
export { formatProgressLine, parseProgressLine, type Progress } from './protocol/progress-line';
export {
  LOG_FRAME_FORMATS,
  LOG_FRAME_FORMAT_PARAM,
  LOG_FRAME_SUBPROTOCOLS,
  isLogFrameFormat,
  toLegacyLogFrame,
  type LogFrameFormat,
} from './protocol/log-frames';
export { consumesStep } from './protocol/consumes-step';

export { describeThrown, toError } from './errors/describe-thrown';
export { ConfigError } from './config/config-error';
export {
  resolveConfig,
  type ConveyorConfig,
  type ConveyorConfigOptions,
  type TlsFiles,
} from './config/conveyor-config';

// Connecting to NATS: the adapter's public part.
export { openNatsConnection, type NatsConnectOptions } from './nats/connection';
export { NatsTransport, type MessageSubscription, type ReceivedMessage } from './nats/transport';
export { UnsupportedServerError } from './nats/server-version';
export { ConsumerConflictError, type ConsumerDifference } from './nats/consumer-conflict-error';
export type { ConnectionState, ConnectionStatus } from './nats/connection-status';
export { provisionConveyorStreams, type StreamProvisioningOptions } from './nats/stream-provisioner';
export type { JetStreamPlacement } from './nats/jetstream-placement';

// Logging.
export type { DriverLogger, LogLabels, LogLabelValue, LogLevel } from './logging/driver-logger';
export type { LogPipeline, LogDropListener, SinkStats } from './logging/log-pipeline';
export {
  DEFAULT_REDACT_PATHS,
  type LogPipelineOptions,
  type LogSinksOptions,
  type SinkSwitch,
} from './logging/log-pipeline-options';
export { createLogPipeline } from './logging/create-log-pipeline';
export { followLiveLogs, type FollowLiveLogsOptions, type LiveLogFollower } from './logging/follow-live-logs';
export { decodeLogEntry } from './logging/decode-log-entry';
export type { SinkQueueOptions } from './logging/queue/sink-queue-options';
export type { LokiSinkOptions } from './logging/sinks/loki-sink';
export type { StdoutSinkOptions } from './logging/sinks/stdout-sink';

// The Conveyor API client.
export { ConveyorClient, type ConveyorClientOptions } from './client/conveyor-client';
export { ConveyorApiError, ConveyorConnectionError, type ApiRoute } from './client/conveyor-api-error';
export type { RequestAuthorizer, OutgoingRequest } from './client/request-authorizer';
export {
  loadCertificateIdentity,
  type CertificateIdentity,
  type CertificateJwtAlgorithm,
  type CertificateSource,
} from './client/certificate-identity';
export { certificateJwtAuthorizer, type CertificateAuthOptions } from './client/certificate-jwt';
export type { CallOptions } from './client/call-options';
export type { CreateResourceResponse, HealthStatus, LogQuery } from './client/api-types';
export type { RunQuery, RunRecord, RunStatus, RunStep, StepStatus } from './client/run-record';
export { runsFromLogs, type LogDerivedRun } from './client/log-derived-run';
export type { FollowLogsOptions, LogTransport, ReconnectOptions } from './client/follow-logs-options';
export type { DriverConsumerInfo } from './client/driver-consumer-info';

// Metrics and the monitoring server.
export { DriverMetrics, type DriverMetricsOptions } from './monitoring/driver-metrics';
export { MonitoringServer, type MonitoringServerOptions } from './monitoring/monitoring-server';

// Tracing across the control plane and drivers.
export { startRunTrace, traceStepDispatch, type RunTrace } from './tracing/pipeline-trace';
export { SpanAttributes } from './tracing/span-attributes';
export { TraceHeaders, type HeaderReader } from './tracing/trace-headers';
