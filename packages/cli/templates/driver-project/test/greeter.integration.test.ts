import 'reflect-metadata';
import { DriverTestbed } from '@conveyor-ts/decorators/testing';
import { Greeter } from '../src/greeter.driver';

// Needs a nats-server >= 2.10: on PATH, in CONVEYOR_NATS_SERVER, or in .tools/bin (see README.md).
describe('Greeter on a real nats-server', () => {
  let testbed: DriverTestbed;

  beforeAll(async () => {
    testbed = await DriverTestbed.start({ drivers: [Greeter] });
  }, 60_000);
  afterAll(() => testbed?.stop());

  it('answers a pipeline step addressed to it, and publishes its log', async () => {
    const run = await testbed.publish({
      resource: 'greeting',
      name: 'hello',
      pipeline: 'greet',
      spec: { who: 'world' },
    });

    const result = await testbed.waitForResult(run.runId, 'greeter');
    expect(result.driverresult).toMatchObject({ success: true, message: 'hello world' });
    const logs = await testbed.waitForLogs(run.runId, { driver: 'greeter' });
    expect(logs[0].message).toBe('greeting world');
  }, 60_000);
});
