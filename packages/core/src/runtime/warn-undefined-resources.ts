import { ConveyorApiError, ConveyorConnectionError } from '../client/conveyor-api-error';
import { ConveyorClient } from '../client/conveyor-client';
import type { ConveyorConfig } from '../config/conveyor-config';
import type { ProcessLogger } from '../logging/log-pipeline';
import type { DriverDefinition } from './driver-definition';

/**
 * Warns about resource types a driver listens to that the API has no definition for: nothing of
 * such a type can be created, so the driver would wait for ever (often a typo in `resources`). An
 * API that cannot be reached is no reason to warn: drivers may run with NATS access alone.
 */
export async function warnUndefinedResources(
  drivers: readonly DriverDefinition[],
  config: Pick<ConveyorConfig, 'apiUrl' | 'tls'>,
  logger: Pick<ProcessLogger, 'warn'>,
): Promise<void> {
  const client = new ConveyorClient({ apiUrl: config.apiUrl, certificate: config.tls });
  const types = [...new Set(drivers.flatMap((d) => d.resources))];
  for (const type of types) {
    try {
      await client.getResourceDefinition(type);
    } catch (error) {
      if (error instanceof ConveyorConnectionError) return;
      if (!(error instanceof ConveyorApiError) || !error.notFound) continue;
      const who = drivers.filter((d) => d.resources.includes(type)).map((d) => d.name);
      logger.warn(
        `Driver ${who.join(', ')} listens to resource type "${type}", which has no resource definition at ${config.apiUrl}: no resource of that type can be created (a typo in resources?)`,
      );
    }
  }
}
