import type { PipelineEvent } from '@conveyor-ts/core';

/**
 * Parses a message of `pipelines.*`. Returns the problem as text instead of the event when the
 * message cannot drive the engine: the Go engine drops such messages too, after a decode error.
 */
export function readPipelineEvent(data: Uint8Array): PipelineEvent | string {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  if (!isObject(value)) return 'not a JSON object';
  const { run_id: runId, resource, driverresult } = value;
  if (typeof runId !== 'string' || runId === '') return '"run_id" must be a non-empty string';
  if (!isObject(resource)) return '"resource" must be an object';
  for (const field of ['name', 'resource'] as const) {
    if (typeof resource[field] !== 'string' || resource[field] === '') {
      return `"resource.${field}" must be a non-empty string`;
    }
  }
  if (resource.pipeline !== undefined && typeof resource.pipeline !== 'string') {
    return '"resource.pipeline" must be a string';
  }
  if (driverresult !== undefined && driverresult !== null) {
    if (!isObject(driverresult)) return '"driverresult" must be an object';
    if (typeof driverresult.success !== 'boolean') return '"driverresult.success" must be a boolean';
    if (typeof (driverresult.driver ?? '') !== 'string') return '"driverresult.driver" must be a string';
  }
  return value as unknown as PipelineEvent;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
