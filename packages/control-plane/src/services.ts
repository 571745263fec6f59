import type { DriverConsumerInfo } from '@conveyor-ts/core';
import type { Dispatcher } from './engine/dispatcher';
import type { LiveLogSource } from './logs/live-log-source';
import type { DefinitionStore } from './storage/definition-store';
import type { LogStore } from './storage/log-store';
import type { PipelineStore } from './storage/pipeline-store';
import type { ResourceStore } from './storage/resource-store';
import type { RunStore } from './storage/run-store';
import type { SpecValidator } from './validation/spec-validator';

/** Everything the HTTP routes and the engine work with, wired once by the control plane. */
export interface Services {
  resources: ResourceStore;
  definitions: DefinitionStore;
  pipelines: PipelineStore;
  runs: RunStore;
  logs: LogStore;
  live: LiveLogSource;
  validator: SpecValidator;
  dispatcher: Dispatcher;
  /** A fire-and-forget core NATS publish (the legacy broadcast route). */
  publishCore(subject: string, data: Uint8Array): void;
  /** The NATS `max_payload`: the largest message a dispatch can publish. */
  maxPayload: number;
  /** The drivers' consumers on `messages`, as NATS lists them now. */
  driverConsumers(): Promise<DriverConsumerInfo[]>;
  now(): string;
}
