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

type Listener = (event: never) => void;

/** A typed, throw-proof event emitter. */
export class LifecycleEmitter {
  private readonly listeners = new Map<keyof DriverManagerEvents, Set<Listener>>();

  constructor(private readonly onListenerError: (event: string, error: unknown) => void) {}

  on<E extends keyof DriverManagerEvents>(event: E, listener: DriverManagerEvents[E]): void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    this.listeners.set(event, set);
  }

  off<E extends keyof DriverManagerEvents>(event: E, listener: DriverManagerEvents[E]): void {
    this.listeners.get(event)?.delete(listener as Listener);
  }

  emit<E extends keyof DriverManagerEvents>(event: E, payload: Parameters<DriverManagerEvents[E]>[0]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as (event: typeof payload) => void)(payload);
      } catch (error) {
        this.onListenerError(event, error);
      }
    }
  }
}
