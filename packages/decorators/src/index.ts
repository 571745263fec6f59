// Loaded first, before any decorator runs, so TypeScript's parameter types are recorded.
import 'reflect-metadata';

export * from './decorators/driver.decorator';
export * from './decorators/reconcile.decorator';
export * from './decorators/payload.decorator';
export * from './decorators/event.decorator';
export * from './decorators/run-id.decorator';
export * from './decorators/logger.decorator';
export * from './decorators/message.decorator';
export * from './decorators/signal.decorator';
export * from './decorators/client.decorator';
export * from './errors/decorator-usage-error';
export * from './errors/driver-validation-error';
export type { DriverDecoratorOptions } from './metadata/driver-decorator-options';
export type { PayloadOptions } from './metadata/parameter-binding';
export type { DriverClass } from './metadata/class-metadata';
export type { DriverDescriptor } from './explorer/driver-descriptor';
export { exploreDrivers, type ExploredDrivers } from './explorer/explore-drivers';
export * from './application/build-drivers';
export * from './application/provider';
export * from './tokens';
// The types a handler signature needs, so a driver file imports from one place.
export type { DriverLogger, DriverResult, MessageInfo, Resource } from '@conveyor-ts/core';
export * from './application/conveyor-application';
export * from './application/conveyor-application-options';
