import { AckPolicy, DeliverPolicy, nanos, type ConsumerConfig, type ConsumerInfo } from 'nats';
import type { ConsumerDifference } from './consumer-conflict-error';
import type { DriverConsumerSpec } from './driver-consumer-spec';

/** The consumer configuration for a driver: durable, explicit ack, retries enforced by the runtime. */
export function toConsumerConfig(spec: DriverConsumerSpec): Partial<ConsumerConfig> {
  return {
    durable_name: spec.driver,
    name: spec.driver,
    filter_subjects: [...spec.filterSubjects],
    ack_policy: AckPolicy.Explicit,
    deliver_policy: spec.deliverPolicy === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
    max_ack_pending: spec.maxAckPending,
    ack_wait: nanos(spec.ackWaitMs),
    // Attempts are counted by the runtime, which answers the last one with a failure result.
    max_deliver: -1,
  };
}

/** Settings the server refuses to change on an existing consumer (and durability). */
export function immutableDifferences(
  existing: ConsumerInfo['config'],
  spec: DriverConsumerSpec,
): ConsumerDifference[] {
  const wanted = toConsumerConfig(spec);
  const differences: ConsumerDifference[] = [];
  const compare = (setting: string, was: unknown, want: unknown): void => {
    if (was !== want) differences.push({ setting, existing: was, wanted: want });
  };
  compare('durable_name', existing.durable_name, wanted.durable_name);
  compare('ack_policy', existing.ack_policy, wanted.ack_policy);
  compare('deliver_policy', existing.deliver_policy, wanted.deliver_policy);
  compare('deliver_subject (push consumer)', existing.deliver_subject, undefined);
  return differences;
}

/** The filter subjects the server actually applied; servers < 2.10 silently drop `filter_subjects`. */
export function filterSubjectDifferences(
  applied: ConsumerInfo['config'],
  spec: DriverConsumerSpec,
): ConsumerDifference[] {
  const got = [
    ...(applied.filter_subjects ?? (applied.filter_subject ? [applied.filter_subject] : [])),
  ].sort();
  const wanted = [...spec.filterSubjects].sort();
  return got.join(' ') === wanted.join(' ') ? [] : [{ setting: 'filter_subjects', existing: got, wanted }];
}
