/**
 * A run's progress as the local control plane records it (`GET /runs`, `GET /runs/{runid}`). The Go
 * server records nothing of the kind (protocol §4.5), so these routes exist only on the control plane.
 */
/** `stalled`: the step's driver had no consumer for a while, so nothing will ever answer it. */
export type StepStatus = 'pending' | 'running' | 'stalled' | 'succeeded' | 'failed';

/**
 * `running` until the last step succeeds or a step fails. A resource without a pipeline is
 * `dispatched`: it went to every driver watching its type, and each driver's answer is a step.
 */
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'dispatched';

export interface RunStep {
  /** Position in the pipeline (0-based); for dispatched runs, the order the answers came in. */
  index: number;
  id?: string;
  name?: string;
  driver: string;
  status: StepStatus;
  /** The driver's result message. */
  message?: string;
  /** The driver's result data. */
  data?: unknown;
  /** The latest progress the step's driver reported (`logger.progress()`), while it runs and after. */
  progress?: { fraction: number; note?: string };
  /** ISO-8601 times. */
  startedAt?: string;
  finishedAt?: string;
}

export interface RunRecord {
  runid: string;
  /** The resource's type, name and id. */
  resource: { type: string; name: string; id: string };
  pipeline?: string;
  status: RunStatus;
  createdAt: string;
  updatedAt: string;
  steps: RunStep[];
  /** The run's root trace context (W3C headers), kept so every step's span is its child; tracing on only. */
  trace?: Record<string, string>;
}

/** Filters of `GET /runs`. */
export interface RunQuery {
  resource?: string;
  name?: string;
  pipeline?: string;
  status?: RunStatus;
}
