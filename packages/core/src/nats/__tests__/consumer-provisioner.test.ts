import { AckPolicy, DeliverPolicy, nanos } from 'nats';
import { ConsumerConflictError } from '../consumer-conflict-error';
import { provisionDriverConsumer } from '../consumer-provisioner';
import { UnsupportedServerError } from '../server-version';
import { existingConfig, spec } from './support/driver-consumer';
import { FakeConsumerApi } from './support/fake-consumer-api';

describe('provisionDriverConsumer', () => {
  it('creates the durable consumer on `messages` when it does not exist', async () => {
    const api = new FakeConsumerApi();
    const info = await provisionDriverConsumer(api.connection(), spec);
    expect(api.calls).toEqual(['info messages builder', 'add messages builder', 'info messages builder']);
    expect(info.config).toMatchObject({ durable_name: 'builder', filter_subjects: spec.filterSubjects });
  });

  it('updates an existing consumer in place, sending only the settings that may change', async () => {
    const api = new FakeConsumerApi();
    api.stored.set('builder', existingConfig({ max_ack_pending: 4, ack_wait: nanos(30_000) }));
    const info = await provisionDriverConsumer(api.connection(), { ...spec, maxAckPending: 256 });
    expect(api.calls[1]).toBe('update messages builder ack_wait,filter_subjects,max_ack_pending,max_deliver');
    expect(info.config.max_ack_pending).toBe(256);
    expect(info.config.ack_wait).toBe(nanos(60_000));
  });

  it('is idempotent: provisioning twice leaves one consumer with the same settings', async () => {
    const api = new FakeConsumerApi();
    const first = await provisionDriverConsumer(api.connection(), spec);
    const second = await provisionDriverConsumer(api.connection(), spec);
    expect(api.stored.size).toBe(1);
    expect(second.config).toEqual(first.config);
  });

  it('refuses a consumer that cannot be updated in place, listing what differs', async () => {
    const api = new FakeConsumerApi();
    api.stored.set(
      'builder',
      existingConfig({ deliver_policy: DeliverPolicy.New, ack_policy: AckPolicy.All }),
    );
    const provisioning = provisionDriverConsumer(api.connection(), spec);
    await expect(provisioning).rejects.toThrow(ConsumerConflictError);
    await expect(provisioning).rejects.toMatchObject({
      differences: [
        { setting: 'ack_policy', existing: AckPolicy.All, wanted: AckPolicy.Explicit },
        { setting: 'deliver_policy', existing: DeliverPolicy.New, wanted: DeliverPolicy.All },
      ],
    });
    await expect(provisioning).rejects.toThrow(
      /ack_policy: existing "all", wanted "explicit"; deliver_policy: existing "new", wanted "all"/,
    );
    expect(api.calls.some((c) => c.startsWith('update'))).toBe(false);
  });

  it('refuses a server older than 2.10 before touching JetStream', async () => {
    const api = new FakeConsumerApi();
    await expect(provisionDriverConsumer(api.connection('2.9.25'), spec)).rejects.toThrow(
      new UnsupportedServerError(
        'nats-server 2.9.25 is too old: driver consumers filter on several subjects, which needs nats-server >= 2.10 (protocol §2.4)',
      ),
    );
    expect(api.calls).toEqual([]);
  });

  it.each([
    ['created', false],
    ['updated', true],
  ])('refuses a consumer %s but returned without the requested filter subjects', async (_how, exists) => {
    const api = new FakeConsumerApi();
    if (exists) api.stored.set('builder', existingConfig());
    api.appliesFilterSubjects = false;
    const provisioning = provisionDriverConsumer(api.connection('2.10.0'), spec);
    await expect(provisioning).rejects.toThrow(ConsumerConflictError);
    await expect(provisioning).rejects.toThrow(
      /^Consumer "builder" on stream "messages" was returned by nats-server 2\.10\.0 without the requested filter subjects \(filter_subjects: existing \[\], wanted \[/,
    );
  });

  it('updates instead when another instance created the consumer between lookup and create', async () => {
    const api = new FakeConsumerApi();
    api.beforeAdd = () => {
      api.beforeAdd = undefined;
      api.stored.set('builder', existingConfig({ max_ack_pending: 1 }));
    };
    const info = await provisionDriverConsumer(api.connection(), spec);
    expect(info.config.max_ack_pending).toBe(32);
    expect(api.calls.filter((c) => c.startsWith('update'))).toHaveLength(1);
  });

  it('says clearly when the `messages` stream does not exist', async () => {
    const api = new FakeConsumerApi();
    api.streamExists = false;
    await expect(provisionDriverConsumer(api.connection(), spec)).rejects.toThrow(
      'Stream "messages" does not exist: is this a Conveyor NATS server? (the Conveyor server creates it at start)',
    );
  });

  it('adds, on a server in a cluster, that a node just restarted may not know the stream yet', async () => {
    const api = new FakeConsumerApi();
    api.streamExists = false;
    await expect(provisionDriverConsumer(api.connection('2.10.27', 'conveyor'), spec)).rejects.toThrow(
      'Stream "messages" does not exist: is this a Conveyor NATS server? (the Conveyor server creates it at start; in a cluster, a node that has just restarted may not know it yet)',
    );
  });
});
