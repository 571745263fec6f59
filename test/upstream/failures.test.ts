import { ConveyorClient, encodeJson, stepResultKey, type Resource } from '@conveyor-ts/core';
import { DriverMessagePublisher } from '@conveyor-ts/core/testing';
import { Driver, Payload, Reconcile } from '@conveyor-ts/decorators';
import { eventually, sleep } from '../manager/support/manager-harness';
import { describeUpstream } from './support/upstream-tools';
import { pipelineOf, startUpstreamFixture, type UpstreamFixture } from './support/upstream-fixture';

jest.setTimeout(60_000);

const attempts: string[] = [];
const followed: string[] = [];

@Driver({ name: 'judge', resources: ['case'], maxAttempts: 2, retry: { initialDelayMs: 50 } })
class Judge {
  @Reconcile()
  reconcile(@Payload() resource: Resource) {
    attempts.push(resource.name);
    if (resource.name === 'refused') return { success: false, message: 'no, not this one' };
    if (resource.name === 'exploding') throw new Error('the judge exploded');
    return { success: true, message: 'fine' };
  }
}

@Driver({ name: 'clerk', resources: ['case'] })
class Clerk {
  @Reconcile()
  reconcile(@Payload() resource: Resource) {
    followed.push(resource.name);
    return { success: true };
  }
}

/** What the real engine records when a step fails, throws until it gives up, or gets a malformed message. */
describeUpstream('failing steps on the real Conveyor server', () => {
  let fx: UpstreamFixture;
  let client: ConveyorClient;

  beforeAll(async () => {
    fx = await startUpstreamFixture({ drivers: [Judge, Clerk] });
    client = fx.client;
    await client.applyResourceDefinition({ name: 'case', description: '', version: '1', schema: {} });
    await client.createPipeline(pipelineOf('trial', 'case', ['judge', 'clerk']));
  }, 90_000);
  afterAll(() => fx?.stop());

  /** Creates a case on the pipeline and returns the judge's result once the engine stored it. */
  const judged = async (name: string) => {
    await client.createResource({ name, resource: 'case', pipeline: 'trial', spec: {} });
    let stored: string | undefined;
    await eventually(
      `the judge's result on ${name}`,
      async () => !!(stored = (await client.getResource('case', name)).metadata?.[stepResultKey('judge')]),
      30_000,
    );
    return JSON.parse(stored!);
  };

  it('success:false is stored on the resource and the pipeline stops there', async () => {
    expect(await judged('refused')).toEqual({
      success: false,
      message: 'no, not this one',
      data: null,
      driver: 'judge',
    });
    await sleep(1_500);
    expect(followed).not.toContain('refused');
    expect(attempts.filter((n) => n === 'refused')).toHaveLength(1);
  });

  it('a throw is retried, then the give-up failure is stored and the pipeline stops', async () => {
    expect(await judged('exploding')).toEqual({
      success: false,
      message: 'the judge exploded (gave up after 2 attempts)',
      data: null,
      driver: 'judge',
    });
    await sleep(1_500);
    expect(followed).not.toContain('exploding');
    expect(attempts.filter((n) => n === 'exploding')).toHaveLength(2);
  });

  it('a success lets the engine run the next step', async () => {
    expect(await judged('innocent')).toMatchObject({ success: true, message: 'fine' });
    await eventually('the clerk ran', () => followed.includes('innocent'));
  });

  it('a malformed message is answered with a failure the engine stores when the resource is readable; unreadable ones change nothing', async () => {
    const stored = await client.getResource('case', 'innocent');
    const publisher = await DriverMessagePublisher.connect(fx.server.natsUrl);
    const subject = 'drivers.judge.resources.case';
    try {
      // A readable resource with a broken envelope (event is a number): the failure lands on it.
      await publisher.publishRaw(
        subject,
        encodeJson({
          event: 42,
          payload: JSON.stringify(stored),
          id: 'a1b2c3d4e5f6a1b2c3d4e5f6',
          run_id: 'r1',
        }),
      );
      // Unreadable: nothing to attach a result to, so the engine drops it.
      await publisher.publishRaw(subject, new TextEncoder().encode('hello {'));
    } finally {
      await publisher.close();
    }
    let result: { success: boolean; message: string } | undefined;
    await eventually('the failure stored', async () => {
      const text = (await client.getResource('case', 'innocent')).metadata?.[stepResultKey('judge')];
      result = text ? JSON.parse(text) : undefined;
      return result?.success === false;
    });
    expect(result).toMatchObject({ success: false, driver: 'judge' });
    expect(result!.message).toMatch(/event/);
    expect(attempts.filter((n) => n === 'innocent')).toHaveLength(1); // never reconciled

    // The driver still serves, and the server still answers.
    expect(await judged('after-the-storm')).toMatchObject({ success: true });
  });
});
