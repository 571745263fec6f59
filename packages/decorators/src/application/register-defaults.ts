import { ConveyorClient, resolveConfig } from '@conveyor-ts/core';
import { instanceCachingFactory, type DependencyContainer } from 'tsyringe';
import { CONVEYOR_CLIENT, CONVEYOR_CONFIG } from '../tokens';
import type { ConveyorApplicationOptions } from './conveyor-application-options';

/**
 * Registers the configuration and the API client in the application's container, lazily (nothing
 * is resolved unless a driver asks) and only where the user's containers do not provide them.
 */
export function registerDefaults(container: DependencyContainer, options: ConveyorApplicationOptions): void {
  if (!container.isRegistered(CONVEYOR_CONFIG, true)) {
    container.register(CONVEYOR_CONFIG, {
      useFactory: instanceCachingFactory(() => resolveConfig(options.config)),
    });
  }
  if (!container.isRegistered(CONVEYOR_CLIENT, true)) {
    container.register(CONVEYOR_CLIENT, {
      useFactory: instanceCachingFactory((c) => {
        const config = c.resolve(CONVEYOR_CONFIG);
        return new ConveyorClient({ certificate: config.tls, ...options.client, apiUrl: config.apiUrl });
      }),
    });
  }
  // A constructor parameter typed `ConveyorClient` gets the same instance as `@Client()`.
  if (!container.isRegistered(ConveyorClient, true)) {
    container.register(ConveyorClient, { useToken: CONVEYOR_CLIENT });
  }
}
