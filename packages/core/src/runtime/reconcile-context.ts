import type { DriverLogger } from '../logging/driver-logger';
import type { Resource } from '../protocol/model/resource';
import type { DeliveryRoute } from '../protocol/subjects';

/** Where a message came from and how often it was delivered. */
export interface MessageInfo {
  /** The DriverMessage id: stable across redeliveries, usable as an idempotency key. */
  id: string;
  subject: string;
  route: DeliveryRoute;
  /** 1 on first delivery. */
  attempt: number;
}

/** Everything a reconcile receives for one message. */
export interface ReconcileContext<TSpec = unknown> {
  resource: Resource<TSpec>;
  event: string;
  runId: string;
  logger: DriverLogger;
  message: MessageInfo;
  /** Aborted on timeout and when shutdown's grace period runs out. */
  signal: AbortSignal;
}
