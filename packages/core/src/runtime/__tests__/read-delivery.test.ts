import { encodeJson } from '../../protocol/encode';
import { readDelivery } from '../read-delivery';
import { driverMessage, FakeDeliveredMessage, MESSAGE_ID, RUN_ID } from './support/fake-delivered-message';

describe('readDelivery', () => {
  it('decodes a pipeline message and names its result id <message id>:<driver>:result', () => {
    const delivery = readDelivery(driverMessage(), 'builder');
    expect(delivery).toMatchObject({
      kind: 'decoded',
      route: { kind: 'pipeline', driver: 'builder', resource: 'build' },
      message: {
        id: MESSAGE_ID,
        runId: RUN_ID,
        event: 'create',
        resource: { name: 'web', spec: { ref: 'main' } },
      },
      resultMsgId: `${MESSAGE_ID}:builder:result`,
    });
  });

  it('decodes a broadcast message with a broadcast route', () => {
    const delivery = readDelivery(driverMessage({ subject: 'resources.build' }), 'builder');
    expect(delivery).toMatchObject({ kind: 'decoded', route: { kind: 'broadcast', resource: 'build' } });
  });

  it('keeps what could be read of a malformed message, and its route', () => {
    const data = encodeJson({ event: 'create', id: MESSAGE_ID, run_id: RUN_ID, payload: '{"name": 3}' });
    const delivery = readDelivery(
      new FakeDeliveredMessage('drivers.builder.resources.build', data),
      'builder',
    );
    expect(delivery).toMatchObject({
      kind: 'malformed',
      route: { kind: 'pipeline' },
      messageId: MESSAGE_ID,
      runId: RUN_ID,
      resource: { name: 3, resource: 'build' },
      resultMsgId: `${MESSAGE_ID}:builder:result`,
    });
  });

  it("answers with the subject's resource type when the payload's is malformed", () => {
    const payload = JSON.stringify({ name: 'web', resource: 'a.b' });
    const data = encodeJson({ event: 'create', id: MESSAGE_ID, run_id: RUN_ID, payload });
    const delivery = readDelivery(
      new FakeDeliveredMessage('drivers.builder.resources.build', data),
      'builder',
    );
    expect(delivery).toMatchObject({ kind: 'malformed', resource: { name: 'web', resource: 'build' } });
  });

  it('falls back to the stream sequence when the id is unreadable, so a redelivery keeps the same result id', () => {
    const message = new FakeDeliveredMessage('resources.build', new TextEncoder().encode('not json'), 1, 42);
    const delivery = readDelivery(message, 'builder');
    expect(delivery).toMatchObject({
      kind: 'malformed',
      route: { kind: 'broadcast' },
      messageId: 'seq-42',
      runId: '',
      resultMsgId: 'seq-42:builder:result',
    });
  });

  it('reports a subject that is not a driver subject as malformed, without a route', () => {
    const delivery = readDelivery(driverMessage({ subject: 'pipelines.driver.result' }), 'builder');
    expect(delivery.kind).toBe('malformed');
    expect(delivery).toMatchObject({ route: undefined });
    expect((delivery as { error: Error }).error.message).toContain(
      '"pipelines.driver.result" is not a driver subject',
    );
  });

  it('echoes only scalar resource fields of a malformed message, so its failure result stays encodable', () => {
    const nested = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const payload = `{"name":"web","resource":"build","pipeline":"ci","spec":${nested},"metadata":{"a":${nested}},"id":${nested}}`;
    const data = encodeJson({ event: 'create', id: MESSAGE_ID, run_id: RUN_ID, payload });
    const delivery = readDelivery(
      new FakeDeliveredMessage('drivers.builder.resources.build', data),
      'builder',
    );
    expect(delivery.kind).toBe('malformed');
    expect(delivery.kind === 'malformed' && delivery.resource).toEqual({
      name: 'web',
      pipeline: 'ci',
      resource: 'build',
    });
  });

  it('classifies a decode failure that is not a MalformedMessageError as malformed', () => {
    const payload = JSON.stringify({ name: 'web', resource: 'build', metadata: { constructor: { a: 1 } } });
    const data = encodeJson({ event: 'create', id: MESSAGE_ID, run_id: RUN_ID, payload });
    const delivery = readDelivery(
      new FakeDeliveredMessage('drivers.builder.resources.build', data),
      'builder',
    );
    expect(delivery).toMatchObject({
      kind: 'malformed',
      runId: RUN_ID,
      error: { field: 'payload.metadata' },
    });
  });

  it('names the result of a malformed message whose id is not a subject token by its stream sequence', () => {
    const data = encodeJson({ event: 7, id: 'line\r\nbreak', run_id: RUN_ID, payload: '{}' });
    const delivery = readDelivery(
      new FakeDeliveredMessage('drivers.builder.resources.build', data),
      'builder',
    );
    // A CR/LF in Nats-Msg-Id makes the result unpublishable: the message would come back forever.
    expect(delivery).toMatchObject({
      kind: 'malformed',
      messageId: 'seq-7',
      resultMsgId: 'seq-7:builder:result',
    });
  });
});
