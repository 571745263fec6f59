import { DriverManager, type DriverDefinition, type DriverManagerEvents } from '@conveyor-ts/core';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { buildDrivers, type BuiltDriver } from './build-drivers';
import type { ConveyorApplicationOptions } from './conveyor-application-options';
import { registerProviders } from './provider';
import { registerDefaults } from './register-defaults';
import { startedApplications } from './started-applications';

/**
 * Decorated drivers running in one process: its own child container, every driver built and
 * validated before anything connects, and one shared `DriverManager` (one NATS connection, one
 * consumer per driver).
 */
export class ConveyorApplication {
  private starting?: Promise<void>;

  private constructor(
    /** The application's child container: what the drivers were resolved from. */
    readonly container: DependencyContainer,
    readonly manager: DriverManager,
    private readonly built: readonly BuiltDriver[],
  ) {}

  /**
   * Discovers (or takes) the driver classes, resolves each through a new child container and
   * registers it with a new manager. Throws one `DriverValidationError` listing every problem.
   */
  static create(options: ConveyorApplicationOptions = {}): ConveyorApplication {
    const { container: parent, drivers, providers, client: _client, ...managerOptions } = options;
    const container = (parent ?? rootContainer).createChildContainer();
    registerDefaults(container, options);
    registerProviders(container, providers);
    const built = buildDrivers(container, drivers);
    const manager = new DriverManager(managerOptions);
    for (const driver of built) manager.register(driver.definition);
    return new ConveyorApplication(container, manager, built);
  }

  /** The definitions handed to the manager, in registration order. */
  get drivers(): readonly DriverDefinition[] {
    return this.built.map((b) => b.definition);
  }

  /** The driver instance built for a class, e.g. to inspect it in a test. */
  get<T>(driverClass: new (...args: never[]) => T): T {
    const found = this.built.find((b) => b.descriptor.target === driverClass);
    if (!found) throw new Error(`${driverClass.name} is not one of this application's drivers`);
    return found.instance as T;
  }

  on<E extends keyof DriverManagerEvents>(event: E, listener: DriverManagerEvents[E]): this {
    this.manager.on(event, listener);
    return this;
  }

  off<E extends keyof DriverManagerEvents>(event: E, listener: DriverManagerEvents[E]): this {
    this.manager.off(event, listener);
    return this;
  }

  /** Connects once and starts one consumer per driver. */
  start(): Promise<void> {
    startedApplications().add(this);
    this.starting = this.manager.start();
    return this.starting;
  }

  /**
   * The applications started in this process (any copy of this package) and not stopped yet; a tool
   * that runs a module's drivers uses it to tell whether the module started its own.
   */
  static started(): ReadonlyArray<Pick<ConveyorApplication, 'stop'>> {
    return [...startedApplications()];
  }

  /** Graceful: in-flight reconciles finish (within the grace period), then the container is disposed. Idempotent. */
  async stop(): Promise<void> {
    // A stop during start waits for the connection, or the manager would connect after stopping.
    await this.starting?.catch(() => undefined);
    await this.manager.stop();
    await this.container.dispose();
    startedApplications().delete(this);
  }
}
