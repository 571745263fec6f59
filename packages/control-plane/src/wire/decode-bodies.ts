import {
  toWireLogEntry,
  toWireResource,
  type LogEntry,
  type Pipeline,
  type Resource,
  type ResourceDefinition,
} from '@conveyor-ts/core';
import { goDecodeProblem, isObject, type StructShape } from './go-struct';

/** Decoded bodies in the server's field order with Go's zero values, or the decode problem as text. */
export type Decoded<T> = { value: T } | { problem: string };

const RESOURCE: StructShape = {
  id: 'string',
  name: 'string',
  pipeline: 'string',
  resource: 'string',
  metadata: 'string-map',
  spec: 'any',
};
const DEFINITION: StructShape = {
  id: 'string',
  name: 'string',
  description: 'string',
  version: 'string',
  schema: 'any',
};
const PIPELINE: StructShape = {
  name: 'string',
  description: 'string',
  version: 'string',
  resource: 'string',
  steps: 'steps',
  metadata: 'string-map',
};
const DRIVER_MESSAGE: StructShape = {
  event: 'string',
  payload: 'string',
  id: 'string',
  run_id: 'string',
};
const LOG: StructShape = {
  runid: 'string',
  driver: 'string',
  pipeline: 'string',
  timestamp: 'string',
  message: 'string',
};

export function decodeResource(body: unknown): Decoded<Resource> {
  return decode(body, RESOURCE, 'Resource', (b) => toWireResource(b as Partial<Resource>));
}

export function decodeDefinition(body: unknown): Decoded<ResourceDefinition> {
  return decode(body, DEFINITION, 'ResourceDefinition', (b) => ({
    id: str(b.id),
    name: str(b.name),
    description: str(b.description),
    version: str(b.version),
    schema: b.schema ?? null,
  }));
}

export function decodePipeline(body: unknown): Decoded<Pipeline> {
  return decode(body, PIPELINE, 'Pipeline', (b) => ({
    name: str(b.name),
    description: str(b.description),
    version: str(b.version),
    resource: str(b.resource),
    steps: Array.isArray(b.steps)
      ? b.steps.map((s: unknown) => {
          const step = isObject(s) ? s : {};
          return { id: str(step.id), name: str(step.name), driver: str(step.driver) };
        })
      : (null as unknown as Pipeline['steps']),
    metadata: (b.metadata as Record<string, string> | undefined) ?? null,
  }));
}

/** `types.DriverMessage` as the server decodes it: `payload` is the JSON-encoded string (§3.4). */
export interface WireDriverMessage {
  event: string;
  payload: string;
  id: string;
  run_id: string;
}

export function decodeDriverMessage(body: unknown): Decoded<WireDriverMessage> {
  return decode(body, DRIVER_MESSAGE, 'DriverMessage', (b) => ({
    event: str(b.event),
    payload: str(b.payload),
    id: str(b.id),
    run_id: str(b.run_id),
  }));
}

export function decodeLog(body: unknown): Decoded<LogEntry> {
  return decode(body, LOG, 'Log', (b) =>
    toWireLogEntry({
      runid: str(b.runid),
      driver: str(b.driver),
      pipeline: str(b.pipeline),
      timestamp: str(b.timestamp),
      message: str(b.message),
    }),
  );
}

function decode<T>(
  body: unknown,
  shape: StructShape,
  struct: string,
  build: (b: Record<string, unknown>) => T,
): Decoded<T> {
  const problem = goDecodeProblem(body, shape, struct);
  if (problem) return { problem };
  return { value: build(isObject(body) ? body : {}) };
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
