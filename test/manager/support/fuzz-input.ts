import fc from 'fast-check';
import type { DriverMessagePublisher } from '@conveyor-ts/core/testing';
import type { HostileBehaviour } from '../../../packages/core/src/runtime/__tests__/support/hostile-values';
import {
  driverMessageBytes,
  hostileBehaviour,
} from '../../../packages/core/src/runtime/__tests__/support/message-arbitraries';

/** One fuzzed input: raw bytes on a driver subject, or a valid message whose spec says how to misbehave. */
export type FuzzInput =
  | { kind: 'raw'; data: Uint8Array; pipeline: boolean }
  | { kind: 'behaviour'; behaviour: HostileBehaviour; pipeline: boolean };

export function fuzzInput(resource: string): fc.Arbitrary<FuzzInput> {
  return fc.oneof(
    fc.record({
      kind: fc.constant('raw' as const),
      data: driverMessageBytes(resource),
      pipeline: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('behaviour' as const),
      behaviour: hostileBehaviour,
      pipeline: fc.boolean(),
    }),
  );
}

/** Publishes one input for `driver` (of resource type `resource`), on its pipeline or broadcast subject. */
export async function publishFuzzInput(
  publisher: DriverMessagePublisher,
  input: FuzzInput,
  driver: string,
  resource: string,
): Promise<void> {
  if (input.kind === 'raw') {
    const subject = input.pipeline ? `drivers.${driver}.resources.${resource}` : `resources.${resource}`;
    return publisher.publishRaw(subject, input.data);
  }
  await publisher.publish({
    resource: { name: 'fuzzed', resource, spec: input.behaviour },
    driver: input.pipeline ? driver : undefined,
  });
}

/** The driver's consumer holds nothing: every message delivered and settled. */
export async function drained(publisher: DriverMessagePublisher, consumer: string): Promise<boolean> {
  const jsm = await publisher.connection.jetstreamManager();
  const info = await jsm.consumers.info('messages', consumer);
  return info.num_pending === 0 && info.num_ack_pending === 0;
}
