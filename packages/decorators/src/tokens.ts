import type { InjectionToken } from 'tsyringe';
import type { ConveyorClient, ConveyorConfig } from '@conveyor-ts/core';

/**
 * The Conveyor API client in the application's container. The application registers a
 * `ConveyorClient` for it unless you registered one (`container.register(CONVEYOR_CLIENT, ...)`).
 */
export const CONVEYOR_CLIENT: InjectionToken<ConveyorClient> = Symbol.for('conveyor-ts:client');

/** The resolved configuration ({ apiUrl, natsServers, lokiUrl? }), injectable in any constructor. */
export const CONVEYOR_CONFIG: InjectionToken<ConveyorConfig> = Symbol.for('conveyor-ts:config');
