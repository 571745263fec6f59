import { ConveyorClient, type ConveyorConfig } from '@conveyor-ts/core';
import {
  Client,
  CONVEYOR_CLIENT,
  CONVEYOR_CONFIG,
  ConveyorApplication,
  Driver,
  DriverValidationError,
  Reconcile,
} from '@conveyor-ts/decorators';
import { container, inject, Lifecycle, scoped } from 'tsyringe';

@scoped(Lifecycle.ContainerScoped)
class Counter {
  value = 0;
}

@Driver({ name: 'counting', resources: ['thing'] })
class CountingDriver {
  constructor(
    readonly counter: Counter,
    @inject(CONVEYOR_CONFIG) readonly config: ConveyorConfig,
    readonly client: ConveyorClient,
  ) {}

  @Reconcile()
  reconcile(): void {
    this.counter.value++;
  }
}

@Driver({ name: 'client-user', resources: ['thing'] })
class ClientUser {
  constructor(@Client() readonly client: unknown) {}

  @Reconcile() reconcile(): void {}
}

const unreachable = {
  config: { natsUrl: 'nats://127.0.0.1:1', apiUrl: 'http://api.test:9090' },
  handleSignals: false,
};

describe('ConveyorApplication', () => {
  it('builds drivers from its own child container, with the configuration and a client injected', () => {
    const app = ConveyorApplication.create({ ...unreachable, drivers: [CountingDriver] });
    const driver = app.get(CountingDriver);
    expect(driver.config).toMatchObject({
      apiUrl: 'http://api.test:9090',
      natsServers: ['nats://127.0.0.1:1'],
    });
    expect(driver.client).toBeInstanceOf(ConveyorClient);
    expect(driver.client.apiUrl).toBe('http://api.test:9090');
    expect(app.container.resolve(CONVEYOR_CLIENT)).toBe(driver.client);
    expect(app.drivers.map((d) => d.name)).toEqual(['counting']);
    expect(app.manager.drivers).toEqual(app.drivers);
  });

  it('never shares state between two applications or with the root container', () => {
    const first = ConveyorApplication.create({ ...unreachable, drivers: [CountingDriver] });
    const second = ConveyorApplication.create({ ...unreachable, drivers: [CountingDriver] });
    first.get(CountingDriver).counter.value = 5;
    expect(second.get(CountingDriver).counter.value).toBe(0);
    expect(second.get(CountingDriver).counter).not.toBe(first.get(CountingDriver).counter);
    expect(container.isRegistered(CONVEYOR_CLIENT, true)).toBe(false);
  });

  it('keeps a client the user registered, and lets providers override everything', () => {
    const parent = container.createChildContainer();
    const mine = { mine: true };
    parent.register(CONVEYOR_CLIENT, { useValue: mine as never });
    const app = ConveyorApplication.create({ ...unreachable, container: parent, drivers: [ClientUser] });
    expect(app.get(ClientUser).client).toBe(mine);

    const overridden = { overridden: true };
    const withProvider = ConveyorApplication.create({
      ...unreachable,
      container: parent,
      drivers: [ClientUser],
      providers: [{ provide: CONVEYOR_CLIENT, useValue: overridden as never }],
    });
    expect(withProvider.get(ClientUser).client).toBe(overridden);
  });

  it('refuses invalid drivers before connecting, listing every problem', () => {
    @Driver({ name: 'counting', resources: ['a', 'a'] })
    class Clash {
      @Reconcile() reconcile(): void {}
    }
    let error: unknown;
    try {
      ConveyorApplication.create({ ...unreachable, drivers: [CountingDriver, Clash] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DriverValidationError);
    expect((error as DriverValidationError).problems).toEqual([
      {
        driver: 'Clash',
        problem: '@Driver() resources: must not list a resource twice ("a" repeated) (got an array)',
      },
    ]);
  });

  it('reports two drivers with one name', () => {
    @Driver({ name: 'counting', resources: ['other'] })
    class SameName {
      @Reconcile() reconcile(): void {}
    }
    expect(() => ConveyorApplication.create({ ...unreachable, drivers: [CountingDriver, SameName] })).toThrow(
      '  - CountingDriver, SameName: 2 drivers are named "counting": driver names must be unique (each owns one JetStream consumer).',
    );
  });

  it('refuses an empty explicit list', () => {
    expect(() => ConveyorApplication.create({ ...unreachable, drivers: [] })).toThrow(
      'the `drivers` list is empty: pass the driver classes to run, e.g. { drivers: [GitCloner] }.',
    );
  });

  it('fails start() on an unreachable server and stops cleanly, twice', async () => {
    const app = ConveyorApplication.create({
      ...unreachable,
      drivers: [CountingDriver],
      connection: { extra: { maxReconnectAttempts: 0, timeout: 1000 } },
      logging: { sinks: { stdout: false } },
    });
    await expect(app.start()).rejects.toThrow();
    await app.stop();
    await app.stop();
  });
});
