import type { ConsumerConfig } from 'nats';
import { driverFilterSubjects } from '../../../protocol/subjects';
import { toConsumerConfig } from '../../consumer-config';
import type { DriverConsumerSpec } from '../../driver-consumer-spec';

/** The consumer a driver `builder` of resources `build` and `image` asks for. */
export const spec: DriverConsumerSpec = {
  driver: 'builder',
  filterSubjects: driverFilterSubjects('builder', ['build', 'image']),
  deliverPolicy: 'all',
  maxAckPending: 32,
  ackWaitMs: 60_000,
};

/** What the server reports for a consumer created from `spec`, with some settings changed. */
export const existingConfig = (overrides: Partial<ConsumerConfig> = {}): ConsumerConfig =>
  ({ ...toConsumerConfig(spec), ...overrides }) as ConsumerConfig;
