import { storeResult, type ResultAddress } from '../store-result';
import type { DriverResult } from '../../protocol/model/driver-result';
import { fakeLogPipeline } from './support/fake-log-pipeline';
import { FakeResultTransport } from './support/fake-result-transport';

/** One store of `result` with a JetStream that is up. */
const publishResult = (transport: FakeResultTransport, to: ResultAddress, result: DriverResult) =>
  storeResult({ transport, logs: fakeLogPipeline(), isStopping: () => false }, to, result, 'm1');

const address: ResultAddress = {
  driver: 'builder',
  runId: 'run-1',
  resource: { name: 'web', resource: 'build', pipeline: 'ci', spec: { blob: 'x'.repeat(2000) } },
  msgId: 'm1:builder:result',
};

describe('storeResult', () => {
  it('publishes the driver.result PipelineEvent on pipelines.driver.result with its Nats-Msg-Id', async () => {
    const transport = new FakeResultTransport();
    await publishResult(transport, address, { success: true, message: 'ok', data: { n: 1 } });
    expect(transport.published).toEqual([
      {
        subject: 'pipelines.driver.result',
        msgId: 'm1:builder:result',
        body: {
          event: 'driver.result',
          run_id: 'run-1',
          resource: {
            id: '',
            name: 'web',
            pipeline: 'ci',
            resource: 'build',
            metadata: null,
            spec: address.resource.spec,
          },
          driverresult: { success: true, message: 'ok', data: { n: 1 }, driver: 'builder' },
        },
      },
    ]);
  });

  it('drops the resource spec from a result that would exceed the max payload', async () => {
    const transport = new FakeResultTransport(1500);
    await publishResult(transport, address, { success: true, message: 'ok', data: { n: 1 } });
    expect(transport.published[0].body).toMatchObject({
      resource: { name: 'web', spec: null },
      driverresult: { success: true, message: 'ok', data: { n: 1 } },
    });
  });

  it('then drops the data too, saying so in the message', async () => {
    const transport = new FakeResultTransport(1500);
    await publishResult(transport, address, {
      success: true,
      message: 'ok',
      data: { log: 'y'.repeat(3000) },
    });
    expect(transport.published[0].body).toMatchObject({
      resource: { spec: null },
      driverresult: {
        success: true,
        data: null,
        message: "ok (result data dropped: larger than the server's max payload of 1500 bytes)",
      },
    });
  });

  it('sends everything when the max payload is unknown', async () => {
    const transport = new FakeResultTransport(undefined);
    await publishResult(transport, address, { success: true, message: 'ok' });
    expect(transport.published[0].body).toMatchObject({ resource: { spec: address.resource.spec } });
  });
});

describe('storeResult with values JSON cannot serialize', () => {
  const deep = (depth: number) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown;

  it('drops a spec nested deeper than JSON.stringify can walk instead of failing forever', async () => {
    const transport = new FakeResultTransport();
    const resource = { ...address.resource, spec: deep(50_000) };
    await publishResult(
      transport,
      { ...address, resource },
      { success: true, message: 'ok', data: { n: 1 } },
    );
    expect(transport.published[0].body).toMatchObject({
      resource: { name: 'web', spec: null },
      driverresult: { success: true, message: 'ok', data: { n: 1 } },
    });
  });

  it('drops such data with a note in the message', async () => {
    const transport = new FakeResultTransport();
    await publishResult(transport, address, { success: true, message: 'ok', data: deep(50_000) });
    expect(transport.published[0].body).toMatchObject({
      resource: { spec: null },
      driverresult: { message: 'ok (result data dropped: it cannot be serialized to JSON)', data: null },
    });
  });
});

describe('storeResult with a message larger than the max payload', () => {
  it('cuts the message so the result still fits, instead of being retried until exhausted', async () => {
    const transport = new FakeResultTransport(20_000);
    await publishResult(transport, address, { success: false, message: 'z'.repeat(100_000), data: null });
    const { message } = transport.published[0].body.driverresult as { message: string };
    expect(message).toMatch(/^z{4096}… \(95904 more characters\) \(result data dropped: larger than/);
  });
});

describe('storeResult with a result store that is down', () => {
  it('publishes again after failures, waiting 250 ms doubling, until the result is stored', async () => {
    const transport = new FakeResultTransport();
    transport.failing = { count: 2, error: new Error('503') };
    const logs = fakeLogPipeline();
    const startedAt = Date.now();
    await storeResult(
      { transport, logs, isStopping: () => false },
      address,
      { success: true, message: '' },
      'm1',
    );
    expect(transport.attempts).toBe(3);
    expect(transport.published).toHaveLength(1);
    // Said on the first failure only (then every tenth); the second wait (500 ms) shows in the time.
    expect(logs.process.messages('warn')).toEqual([
      'The result of message m1 is not stored yet (503; 1 tries): publishing it again in 250 ms; the reconcile is not repeated',
    ]);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(700);
  });

  it('gives up with the last error once shutdown began, without waiting out the delay', async () => {
    const transport = new FakeResultTransport();
    transport.failing = { count: Number.POSITIVE_INFINITY, error: new Error('no PubAck') };
    let stopping = false;
    const logs = fakeLogPipeline();
    const originalWarn = logs.process.warn.bind(logs.process);
    logs.process.warn = (message, labels) => {
      stopping = true;
      originalWarn(message, labels);
    };
    const startedAt = Date.now();
    const attempt = storeResult(
      { transport, logs, isStopping: () => stopping },
      address,
      { success: true, message: '' },
      'm1',
    );
    await expect(attempt).rejects.toThrow('no PubAck');
    expect(Date.now() - startedAt).toBeLessThan(1_000);
  });
});
