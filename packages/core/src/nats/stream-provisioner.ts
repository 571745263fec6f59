import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  nanos,
  type JetStreamManager,
  type NatsConnection,
  type StreamConfig,
} from 'nats';
import { DEFAULT_JETSTREAM_WAIT_MS, DEFAULT_STREAM_REPLICAS } from '../constants';
import { CONVEYOR_STREAMS, type StreamDefinition } from '../protocol/streams';
import { JsErrorCode, jsErrorCode } from './api-errors';
import { untilJetStreamAnswers } from './jetstream-ready';

export interface StreamProvisioningOptions {
  /** Replicas of a stream that has to be created; existing streams keep theirs. */
  replicas?: number;
  /** How long to wait for a JetStream without quorum (a cluster starting up); default 5 minutes. */
  waitMs?: number;
}

/** A transport-neutral stream definition as nats.js stream configuration, for creating it. */
export function toStreamConfig(definition: StreamDefinition, replicas: number): Partial<StreamConfig> {
  return {
    name: definition.name,
    subjects: [...definition.subjects],
    retention: definition.retention === 'interest' ? RetentionPolicy.Interest : RetentionPolicy.Workqueue,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    num_replicas: replicas,
    duplicate_window: nanos(definition.duplicateWindowMs),
  };
}

/**
 * Makes sure Conveyor's streams exist, on the caller's own connection (so its seed list, TLS and
 * reconnects apply). A stream that is missing is created; one that exists keeps its replicas and
 * every setting an operator chose, and only gains subjects it lacks: scaling an R3 stream down to
 * R1 at every start would undo the cluster's redundancy.
 */
export async function provisionConveyorStreams(
  connection: NatsConnection,
  options: StreamProvisioningOptions = {},
  definitions: readonly StreamDefinition[] = CONVEYOR_STREAMS,
): Promise<void> {
  const replicas = options.replicas ?? DEFAULT_STREAM_REPLICAS;
  const wait = { timeoutMs: options.waitMs ?? DEFAULT_JETSTREAM_WAIT_MS };
  for (const definition of definitions) {
    await untilJetStreamAnswers(
      connection,
      async () => ensureStream(await connection.jetstreamManager(), definition, replicas),
      wait,
    );
  }
}

async function ensureStream(
  jsm: JetStreamManager,
  definition: StreamDefinition,
  replicas: number,
): Promise<void> {
  let existing: StreamConfig;
  try {
    existing = (await jsm.streams.info(definition.name)).config;
  } catch (error) {
    if (jsErrorCode(error) !== JsErrorCode.streamNotFound) throw error;
    await jsm.streams.add(toStreamConfig(definition, replicas)).catch(async (addError: unknown) => {
      // Another process may have created it between our lookup and our create.
      if (!(await jsm.streams.info(definition.name).catch(() => undefined))) throw addError;
    });
    return;
  }
  const missing = definition.subjects.filter((subject) => !existing.subjects.includes(subject));
  if (missing.length > 0) {
    await jsm.streams.update(definition.name, { subjects: [...existing.subjects, ...missing] });
  }
}
