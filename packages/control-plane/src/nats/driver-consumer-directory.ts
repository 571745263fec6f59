import type { JetStreamManager } from 'nats';
import { StreamNames, type DriverConsumerInfo } from '@conveyor-ts/core';

/** The consumers on the `messages` stream: one per running driver (protocol §2.3). */
export async function listDriverConsumers(jsm: JetStreamManager): Promise<DriverConsumerInfo[]> {
  const consumers = await jsm.consumers.list(StreamNames.messages).next();
  return consumers.map((info) => ({
    name: info.name,
    filterSubjects:
      info.config.filter_subjects ?? (info.config.filter_subject ? [info.config.filter_subject] : []),
  }));
}
