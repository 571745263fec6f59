import {
  Driver,
  Logger,
  Payload,
  Reconcile,
  RunId,
  type DriverLogger,
  type Resource,
} from '@conveyor-ts/decorators';
import { DriverTestbed } from '@conveyor-ts/decorators/testing';
import type { MessageRetriedEvent } from '@conveyor-ts/core';
import { IsInt, Min } from 'class-validator';
import { injectable } from 'tsyringe';

/** Shared by the three drivers through the application's container: who received which resource. */
@injectable()
class Deliveries {
  readonly seen: Array<{ driver: string; resource: string; name: string }> = [];
  record(driver: string, resource: Resource): void {
    this.seen.push({ driver, resource: resource.resource, name: resource.name });
  }
  of(driver: string): string[] {
    return this.seen.filter((s) => s.driver === driver).map((s) => `${s.resource}/${s.name}`);
  }
}

class AlphaSpec {
  @IsInt()
  @Min(1)
  count!: number;
}

@Driver({ name: 'alpha-driver', resources: ['alpha'], concurrency: 2 })
class AlphaDriver {
  constructor(private readonly deliveries: Deliveries) {}

  @Reconcile()
  async reconcile(
    @Payload(AlphaSpec) resource: Resource<AlphaSpec>,
    @Logger() log: DriverLogger,
    @RunId() runId: string,
  ) {
    this.deliveries.record('alpha-driver', resource);
    log.info(`alpha counted ${resource.spec.count}`);
    return { success: true, message: 'alpha done', data: { count: resource.spec.count, runId } };
  }
}

@Driver({ name: 'beta-driver', resources: ['beta', 'shared'] })
class BetaDriver {
  constructor(private readonly deliveries: Deliveries) {}

  // No parameter decorators: the seed's order (payload, event, run id, logger); nothing returned = success.
  @Reconcile()
  reconcile(resource: Resource, event: string, _runId: string, log: DriverLogger): void {
    this.deliveries.record('beta-driver', resource);
    log.info(`beta saw ${event} of ${resource.name}`);
  }
}

@Driver({
  name: 'faulty-driver',
  resources: ['gamma', 'shared'],
  maxAttempts: 2,
  retry: { initialDelayMs: 50 },
})
class FaultyDriver {
  constructor(private readonly deliveries: Deliveries) {}

  @Reconcile()
  reconcile(@Payload() resource: Resource): never {
    this.deliveries.record('faulty-driver', resource);
    throw new Error(`faulty exploded on ${resource.name}`);
  }
}

describe('three decorated drivers in one process on a real nats-server', () => {
  let testbed: DriverTestbed;
  const deliveries = new Deliveries();
  const retried: MessageRetriedEvent[] = [];

  beforeAll(async () => {
    testbed = await DriverTestbed.start({
      drivers: [AlphaDriver, BetaDriver, FaultyDriver],
      providers: [{ provide: Deliveries, useValue: deliveries }],
    });
    testbed.app.on('message.retried', (event) => retried.push(event));
  }, 60_000);

  afterAll(async () => {
    await testbed?.stop();
  });

  it('runs the three drivers under one manager', () => {
    expect(testbed.app.drivers.map((d) => d.name)).toEqual(['alpha-driver', 'beta-driver', 'faulty-driver']);
  });

  it('routes each resource only to its drivers; results carry each driver name; a throwing driver disturbs no one', async () => {
    const alpha = await testbed.publish({ resource: 'alpha', name: 'a1', spec: { count: 3 } });
    const beta = await testbed.publish({ resource: 'beta', name: 'b1', spec: {} });
    const gamma = await testbed.publish({ resource: 'gamma', name: 'g1', spec: {} });
    const shared = await testbed.publish({ resource: 'shared', name: 's1', spec: {} });
    const betaStep = await testbed.publish(
      { resource: 'shared', name: 's2', spec: {} },
      { driver: 'beta-driver', event: 'process' },
    );
    const alphaStep = await testbed.publish(
      { resource: 'alpha', name: 'a2', spec: { count: 1 } },
      { driver: 'alpha-driver' },
    );

    const alphaResult = await testbed.waitForResult(alpha.runId, 'alpha-driver');
    expect(alphaResult.driverresult).toEqual({
      success: true,
      message: 'alpha done',
      data: { count: 3, runId: alpha.runId },
      driver: 'alpha-driver',
    });
    expect((await testbed.waitForResult(beta.runId, 'beta-driver')).driverresult).toEqual({
      success: true,
      message: '',
      data: null,
      driver: 'beta-driver',
    });
    expect((await testbed.waitForResult(shared.runId, 'beta-driver')).driverresult.success).toBe(true);

    const stepResult = await testbed.waitForResult(betaStep.runId, 'beta-driver');
    expect(stepResult.resource).toMatchObject({ name: 's2', pipeline: 'test-pipeline', resource: 'shared' });
    const alphaStepResult = await testbed.waitForResult(alphaStep.runId, 'alpha-driver');
    expect(alphaStepResult.driverresult).toMatchObject({ success: true, driver: 'alpha-driver' });

    // The faulty driver is retried, then gives up with a failure result of its own.
    for (const run of [gamma, shared]) {
      const failure = await testbed.waitForResult(run.runId, 'faulty-driver');
      expect(failure.driverresult).toMatchObject({ success: false, driver: 'faulty-driver' });
      expect(failure.driverresult.message).toMatch(/^faulty exploded on [gs]1 \(gave up after 2 attempts\)$/);
    }
    expect(retried.filter((r) => r.driver === 'faulty-driver')).toHaveLength(2);
    expect(retried.filter((r) => r.driver !== 'faulty-driver')).toEqual([]);

    expect(deliveries.of('alpha-driver').sort()).toEqual(['alpha/a1', 'alpha/a2']);
    expect(deliveries.of('beta-driver').sort()).toEqual(['beta/b1', 'shared/s1', 'shared/s2']);
    expect(deliveries.of('faulty-driver').sort()).toEqual(['gamma/g1', 'gamma/g1', 'shared/s1', 'shared/s1']);
  });

  it('publishes each run logger entries under the driver name and run id', async () => {
    const run = await testbed.publish({ resource: 'alpha', name: 'logged', spec: { count: 7 } });
    const [entry] = await testbed.waitForLogs(run.runId, { driver: 'alpha-driver' });
    expect(entry).toMatchObject({ runid: run.runId, driver: 'alpha-driver', message: 'alpha counted 7' });
  });

  it('answers an invalid payload with the validation messages, once, without retrying', async () => {
    const run = await testbed.publish(
      { resource: 'alpha', name: 'bad', spec: { count: 0 } },
      { driver: 'alpha-driver' },
    );
    const result = await testbed.waitForResult(run.runId, 'alpha-driver');
    expect(result.driverresult).toEqual({
      success: false,
      message:
        'Invalid payload for driver "alpha-driver" (AlphaSpec): spec.count: must not be less than 1 (got number)',
      data: { problems: [{ field: 'spec.count', problem: 'must not be less than 1 (got number)' }] },
      driver: 'alpha-driver',
    });
    expect(deliveries.of('alpha-driver')).not.toContain('alpha/bad');
    expect(retried.filter((r) => r.driver === 'alpha-driver')).toEqual([]);
  });
});
