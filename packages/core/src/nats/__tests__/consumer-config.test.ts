import { AckPolicy, DeliverPolicy, nanos } from 'nats';
import { ConsumerConflictError } from '../consumer-conflict-error';
import { filterSubjectDifferences, immutableDifferences, toConsumerConfig } from '../consumer-config';
import { existingConfig, spec } from './support/driver-consumer';

describe('toConsumerConfig', () => {
  it('describes a durable pull consumer named after the driver, filtered on its subjects (protocol §2.3)', () => {
    expect(toConsumerConfig(spec)).toEqual({
      durable_name: 'builder',
      name: 'builder',
      filter_subjects: [
        'resources.build',
        'drivers.builder.resources.build',
        'resources.image',
        'drivers.builder.resources.image',
      ],
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_ack_pending: 32,
      ack_wait: nanos(60_000),
      max_deliver: -1,
    });
  });

  it('starts at new messages when asked', () => {
    expect(toConsumerConfig({ ...spec, deliverPolicy: 'new' }).deliver_policy).toBe(DeliverPolicy.New);
  });
});

describe('immutableDifferences', () => {
  it('finds none for a consumer the runtime created, even with other mutable settings', () => {
    expect(immutableDifferences(existingConfig({ max_ack_pending: 1, ack_wait: nanos(5000) }), spec)).toEqual(
      [],
    );
  });

  it('lists every setting that cannot be updated in place', () => {
    const existing = existingConfig({
      durable_name: undefined,
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.New,
      deliver_subject: 'push.builder',
    });
    expect(immutableDifferences(existing, spec)).toEqual([
      { setting: 'durable_name', existing: undefined, wanted: 'builder' },
      { setting: 'ack_policy', existing: AckPolicy.None, wanted: AckPolicy.Explicit },
      { setting: 'deliver_policy', existing: DeliverPolicy.New, wanted: DeliverPolicy.All },
      { setting: 'deliver_subject (push consumer)', existing: 'push.builder', wanted: undefined },
    ]);
  });
});

describe('filterSubjectDifferences', () => {
  it('accepts the requested subjects in any order', () => {
    const applied = existingConfig({ filter_subjects: [...spec.filterSubjects].reverse() });
    expect(filterSubjectDifferences(applied, spec)).toEqual([]);
  });

  it('reports a consumer returned without filter_subjects (what servers before 2.10 do)', () => {
    const applied = existingConfig({ filter_subjects: undefined });
    expect(filterSubjectDifferences(applied, spec)).toEqual([
      { setting: 'filter_subjects', existing: [], wanted: [...spec.filterSubjects].sort() },
    ]);
  });

  it('reports a single filter_subject that is not the requested set', () => {
    const applied = existingConfig({ filter_subjects: undefined, filter_subject: 'resources.build' });
    expect(filterSubjectDifferences(applied, spec)).toMatchObject([
      { setting: 'filter_subjects', existing: ['resources.build'] },
    ]);
  });
});

describe('ConsumerConflictError', () => {
  it('names the consumer, lists each difference and says how to resolve it', () => {
    const error = new ConsumerConflictError('builder', [
      { setting: 'deliver_policy', existing: 'new', wanted: 'all' },
      { setting: 'ack_policy', existing: 'none', wanted: 'explicit' },
    ]);
    expect(error.name).toBe('ConsumerConflictError');
    expect(error.differences).toHaveLength(2);
    expect(error.message).toBe(
      'Consumer "builder" on stream "messages" cannot be updated in place (deliver_policy: existing "new", wanted "all"; ' +
        'ack_policy: existing "none", wanted "explicit"). Delete it (nats consumer rm messages builder) or use another driver name.',
    );
  });
});
