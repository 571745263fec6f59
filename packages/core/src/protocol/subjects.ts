/**
 * The one module that builds Conveyor's NATS subjects and stream names (protocol §2.1, §2.5).
 * Nothing else in the code base spells a subject.
 */

export const StreamNames = {
  /** Events for drivers: `resources.>`, `events.>`, `drivers.>` (Interest retention). */
  messages: 'messages',
  /** Pipeline init and driver results, consumed by the server's engine (WorkQueue). */
  pipelineEngine: 'pipeline-engine',
  /** Persisted log entries, consumed by the server's log store (WorkQueue). */
  logsEngine: 'logs-engine',
} as const;

export const Subjects = {
  /** Broadcast of a resource created without a pipeline, to every driver watching its type. */
  resource: (resource: string): string => `resources.${resource}`,
  /** A pipeline step addressed to one driver. */
  driverResource: (driver: string, resource: string): string => `drivers.${driver}.resources.${resource}`,
  /** Sent by the API when a resource with a pipeline is created. */
  pipelineInit: 'pipelines.pipeline.init',
  /** Where every driver publishes its result. */
  driverResult: 'pipelines.driver.result',
  /** Persisted log entries of one run (JetStream). */
  logs: (runId: string): string => `logs.${runId}`,
  /** Live log entries of one driver's part of a run (core NATS). */
  liveLogs: (runId: string, driver: string): string => `live.logs.${runId}.${driver}`,
  /** Live log entries of every driver of a run (core NATS wildcard). */
  liveLogsOfRun: (runId: string): string => `live.logs.${runId}.*`,
  /** Live log entries of every run (core NATS wildcard). */
  allLiveLogs: 'live.logs.>',
  /** Every persisted log entry. */
  allLogs: 'logs.>',
  /**
   * Where `POST /drivers/broadcast-message` publishes (core NATS, legacy): nothing listens there today
   * (protocol §5).
   */
  broadcastMessage: 'application',
  /** Legacy live logs of servers up to v0.4.1, payload `["<unix seconds>", "<message>"]`. */
  legacyLiveLogs: (driver: string, runId: string): string => `driver:${driver}:logs:${runId}`,
} as const;

/** The two subjects a driver's consumer filters on, for each of its resources (protocol §2.3). */
export function driverFilterSubjects(driver: string, resources: readonly string[]): string[] {
  return resources.flatMap((r) => [Subjects.resource(r), Subjects.driverResource(driver, r)]);
}

/** How a message reached a driver: broadcast to a type, or addressed to it as a pipeline step. */
export type DeliveryRoute =
  { kind: 'broadcast'; resource: string } | { kind: 'pipeline'; driver: string; resource: string };

/** Reads the route from a delivery subject; undefined for anything that is not a driver subject. */
export function parseDeliverySubject(subject: string): DeliveryRoute | undefined {
  // Read by position, not split: this runs for every message.
  const first = subject.indexOf('.');
  if (first < 0) return undefined;
  const second = subject.indexOf('.', first + 1);
  const head = subject.slice(0, first);
  if (second < 0) {
    return head === 'resources' && first + 1 < subject.length
      ? { kind: 'broadcast', resource: subject.slice(first + 1) }
      : undefined;
  }
  const third = subject.indexOf('.', second + 1);
  if (head !== 'drivers' || third < 0 || subject.indexOf('.', third + 1) >= 0) return undefined;
  if (subject.slice(second + 1, third) !== 'resources') return undefined;
  const driver = subject.slice(first + 1, second);
  const resource = subject.slice(third + 1);
  return driver && resource ? { kind: 'pipeline', driver, resource } : undefined;
}
