// The events a DriverManager emits: their own folder so metrics and tracing attach from outside the
// runtime (monitoring/ reads these types and never imports runtime/).
import type { ConnectionStatus } from '../nats/connection-status';

export interface MessageReceivedEvent {
  driver: string;
  messageId: string;
  runId: string;
  subject: string;
  attempt: number;
}
export interface MessageReconciledEvent {
  driver: string;
  messageId: string;
  runId: string;
  success: boolean;
  /** From arrival to settlement, gate wait included. */
  durationMs: number;
}
export interface MessageRetriedEvent {
  driver: string;
  messageId: string;
  /** The attempt that failed (1 = first delivery). */
  attempt: number;
  delayMs: number;
  error: string;
}
export interface MessageTerminatedEvent {
  driver: string;
  messageId: string;
  reason: string;
}
export interface LogsDroppedEvent {
  sink: string;
  count: number;
}
/** Something went wrong that the manager recovered from (consume loop re-created, listener threw). */
export interface ManagerProblemEvent {
  driver?: string;
  message: string;
}

/** Lifecycle events, for metrics and tracing. Listeners never break the manager: their throws are logged. */
export interface DriverManagerEvents {
  'message.received': (event: MessageReceivedEvent) => void;
  'message.reconciled': (event: MessageReconciledEvent) => void;
  'message.retried': (event: MessageRetriedEvent) => void;
  'message.terminated': (event: MessageTerminatedEvent) => void;
  'connection.status': (event: ConnectionStatus) => void;
  'logs.dropped': (event: LogsDroppedEvent) => void;
  problem: (event: ManagerProblemEvent) => void;
}
