import type { NatsConnection } from 'nats';
import { NATS_MAX_PAYLOAD_BYTES } from '../constants';
import {
  NatsTransport,
  openNatsConnection,
  type DriverConsumerInfo,
  provisionConveyorStreams,
  type NatsConnectOptions,
  type Pipeline,
  type Resource,
  type ResourceDefinition,
  type RunRecord,
} from '@conveyor-ts/core';
import { DefinitionStore } from '../storage/definition-store';
import { PipelineStore } from '../storage/pipeline-store';
import { ResourceStore } from '../storage/resource-store';
import { RunStore } from '../storage/run-store';
import type { LogStore } from '../storage/log-store';
import { listDriverConsumers } from './driver-consumer-directory';
import { KvBucketStore } from './kv-bucket-store';
import { LogStreamStore } from './log-stream-store';
import { WorkQueueConsumer, type WorkQueueConsumerOptions } from './work-queue-consumer';

/** The KV buckets holding the control plane's objects (JetStream file storage: they survive restarts). */
export const BUCKETS = {
  resources: 'conveyor_resources',
  versions: 'conveyor_resource_versions',
  definitions: 'conveyor_resource_definitions',
  pipelines: 'conveyor_pipelines',
  runs: 'conveyor_runs',
} as const;

/** Everything the control plane keeps in, and reads from, NATS. */
export interface JetStreamBackend {
  transport: NatsTransport;
  resources: ResourceStore;
  definitions: DefinitionStore;
  pipelines: PipelineStore;
  runs: RunStore;
  logs: LogStore;
  /** The server's `max_payload`: no message or KV value can be larger. */
  maxPayload: number;
  /** The drivers' consumers on `messages`: who would receive a step now. */
  driverConsumers(): Promise<DriverConsumerInfo[]>;
  /** Starts a durable consumer on one of the server's WorkQueue streams. */
  consume(options: WorkQueueConsumerOptions): Promise<WorkQueueConsumer>;
  close(): Promise<void>;
}

/**
 * Connects, creates Conveyor's three streams where missing, as the server does at every start (protocol §2.1), and
 * opens the buckets and the log store.
 */
export async function openJetStreamBackend(connect: NatsConnectOptions): Promise<JetStreamBackend> {
  const nc: NatsConnection = await openNatsConnection({ name: 'conveyor-control-plane', ...connect });
  try {
    // On this connection: every seed URL, TLS and reconnects apply; existing streams are left alone.
    await provisionConveyorStreams(nc);
    const js = nc.jetstream();
    const jsm = await nc.jetstreamManager();
    const bucket = async <T>(name: string): Promise<KvBucketStore<T>> =>
      new KvBucketStore<T>(await js.views.kv(name, { history: 1 }));
    return {
      transport: new NatsTransport(nc),
      resources: new ResourceStore(
        await bucket<Resource>(BUCKETS.resources),
        await bucket<Resource>(BUCKETS.versions),
      ),
      definitions: new DefinitionStore(await bucket<ResourceDefinition>(BUCKETS.definitions)),
      pipelines: new PipelineStore(await bucket<Pipeline>(BUCKETS.pipelines)),
      runs: new RunStore(await bucket<RunRecord>(BUCKETS.runs)),
      logs: await LogStreamStore.open(js, jsm),
      maxPayload: nc.info?.max_payload ?? NATS_MAX_PAYLOAD_BYTES,
      driverConsumers: () => listDriverConsumers(jsm),
      consume: (options) => WorkQueueConsumer.start(js, jsm, options),
      close: async () => {
        await nc.drain().catch(() => nc.close());
      },
    };
  } catch (error) {
    await nc.close();
    throw error;
  }
}
