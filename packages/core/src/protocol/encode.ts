import type { DriverResult, DriverResultEvent } from './model/driver-result';
import type { LogEntry } from './model/log-entry';
import type { PipelineEvent } from './model/pipeline-event';
import type { Resource } from './model/resource';

/**
 * Builds wire objects with the server's field names and Go's field order (protocol §3), so what we
 * publish is byte-for-byte what the Go runtime would publish for the same values.
 */

const utf8 = new TextEncoder();

export function encodeJson(value: unknown): Uint8Array {
  return utf8.encode(JSON.stringify(value));
}

/** A Resource as Go marshals it: zero values present, `pipeline` omitted when empty. */
export function toWireResource(resource: Partial<Resource>): Resource {
  const wire: Resource = { id: resource.id ?? '', name: resource.name ?? '' } as Resource;
  if (resource.pipeline) wire.pipeline = resource.pipeline;
  wire.resource = resource.resource ?? '';
  wire.metadata = resource.metadata ?? null;
  wire.spec = resource.spec ?? null;
  return wire;
}

/** A DriverMessage with the resource double-encoded in `payload`, as the server publishes it. */
export function encodeDriverMessage(message: {
  event: string;
  resource: Partial<Resource>;
  id: string;
  runId: string;
}): Uint8Array {
  return encodeJson({
    event: message.event,
    payload: JSON.stringify(toWireResource(message.resource)),
    id: message.id,
    run_id: message.runId,
  });
}

/** A reconcile's result with the driver's name; `data` becomes `null` when absent. */
export function toDriverResultEvent(result: DriverResult, driver: string): DriverResultEvent {
  return { success: result.success, message: result.message, data: result.data ?? null, driver };
}

/** The `driver.result` PipelineEvent a runtime publishes on `pipelines.driver.result`. */
export function buildResultEvent(
  runId: string,
  resource: Partial<Resource>,
  result: DriverResult,
  driver: string,
): PipelineEvent {
  return {
    event: 'driver.result',
    run_id: runId,
    resource: toWireResource(resource),
    driverresult: toDriverResultEvent(result, driver),
  };
}

/** The init PipelineEvent the API publishes on `pipelines.pipeline.init`, with a zero result. */
export function buildInitEvent(runId: string, resource: Partial<Resource>): PipelineEvent {
  return {
    event: 'create',
    run_id: runId,
    resource: toWireResource(resource),
    driverresult: { success: false, message: '', data: null, driver: '' },
  };
}

/** A Log entry with its fields in the server's order. */
export function toWireLogEntry(entry: LogEntry): LogEntry {
  return {
    runid: entry.runid,
    driver: entry.driver,
    pipeline: entry.pipeline,
    timestamp: entry.timestamp,
    message: entry.message,
  };
}

const TIMESTAMP_VALUE_START = '"timestamp":"';

/**
 * The JSON every Log entry of one run starts with (runid, driver, pipeline, up to the timestamp's
 * value), made once per run: `LogEntryWriter` then adds only what differs per line.
 */
export function logEntryJsonPrefix(run: Pick<LogEntry, 'runid' | 'driver' | 'pipeline'>): string {
  const json = JSON.stringify(toWireLogEntry({ ...run, timestamp: '', message: '' }));
  return json.slice(0, json.indexOf(TIMESTAMP_VALUE_START) + TIMESTAMP_VALUE_START.length);
}
