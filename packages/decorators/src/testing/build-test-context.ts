import { randomBytes, randomUUID } from 'node:crypto';
import {
  Subjects,
  parseDeliverySubject,
  type DriverLogger,
  type ReconcileContext,
  type Resource,
} from '@conveyor-ts/core';

/** How a test delivers one message; everything has a realistic default. */
export interface TestDeliveryOptions {
  /** Default `create`. */
  event?: string;
  /** Default a fresh UUIDv4. */
  runId?: string;
  /** Default 24 random hex characters, like the server's ids. */
  messageId?: string;
  /** Default 1 (first delivery). */
  attempt?: number;
  /** Default: the pipeline subject when the resource has a pipeline, else the broadcast subject. */
  subject?: string;
  /** Default a signal that never aborts. */
  signal?: AbortSignal;
}

/** The context the manager would give a reconcile for this resource. */
export function buildTestContext(
  driver: string,
  resource: Resource,
  logger: DriverLogger,
  options: TestDeliveryOptions = {},
): ReconcileContext {
  const subject =
    options.subject ??
    (resource.pipeline
      ? Subjects.driverResource(driver, resource.resource)
      : Subjects.resource(resource.resource));
  const route = parseDeliverySubject(subject);
  if (!route)
    throw new TypeError(
      `"${subject}" is not a driver delivery subject (resources.<r> or drivers.<d>.resources.<r>)`,
    );
  return {
    resource,
    event: options.event ?? 'create',
    runId: options.runId ?? randomUUID(),
    logger,
    message: {
      id: options.messageId ?? randomBytes(12).toString('hex'),
      subject,
      route,
      attempt: options.attempt ?? 1,
    },
    signal: options.signal ?? new AbortController().signal,
  };
}
