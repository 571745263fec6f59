import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  nanos,
  type JetStreamManager,
  type StreamConfig,
} from 'nats';
import type { StreamDefinition } from '../protocol/streams';
import { JsErrorCode, jsErrorCode } from './api-errors';

/** A transport-neutral stream definition as nats.js stream configuration. */
export function toStreamConfig(definition: StreamDefinition): Partial<StreamConfig> {
  return {
    name: definition.name,
    subjects: [...definition.subjects],
    retention: definition.retention === 'interest' ? RetentionPolicy.Interest : RetentionPolicy.Workqueue,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    num_replicas: 1,
    duplicate_window: nanos(definition.duplicateWindowMs),
  };
}

/** Creates each stream, or updates it in place when it exists: the server's `CreateOrUpdateStream`. */
export async function createOrUpdateStreams(
  jsm: JetStreamManager,
  definitions: readonly StreamDefinition[],
): Promise<void> {
  for (const definition of definitions) {
    const config = toStreamConfig(definition);
    try {
      await jsm.streams.info(definition.name);
      await jsm.streams.update(definition.name, config);
    } catch (error) {
      if (jsErrorCode(error) !== JsErrorCode.streamNotFound) throw error;
      await jsm.streams.add(config);
    }
  }
}
