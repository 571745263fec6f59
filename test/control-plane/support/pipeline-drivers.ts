import { DriverManager, type DriverDefinition } from '@conveyor-ts/core';
import type { Fixture } from './control-plane-fixture';

/**
 * A started DriverManager running `drivers` against the fixture's control plane, plus a `service`
 * resource definition and a pipeline `name` whose steps are the drivers in order.
 */
export async function startPipelineDrivers(
  fx: Fixture,
  name: string,
  drivers: Array<Omit<DriverDefinition, 'resources'>>,
): Promise<DriverManager> {
  const manager = new DriverManager({
    config: { apiUrl: fx.plane.apiUrl, natsUrl: fx.env.url },
    handleSignals: false,
  });
  for (const driver of drivers) manager.register({ ...driver, resources: ['service'] });
  await manager.start();
  await fx.client.createResourceDefinition({ name: 'service', schema: { type: 'object' } });
  await fx.client.createPipeline({
    name,
    resource: 'service',
    steps: drivers.map((d) => ({ driver: d.name })),
  });
  return manager;
}
