export * from './driver-definition';
export * from './driver-options';
export * from './reconcile-context';
export * from './driver-manager';
export * from './lifecycle-events';
export * from './reconcile-timeout-error';
export * from './shutdown-abort-error';
export { retryDelay } from './retry-delay';
export type { RetryPolicy, ResolvedDriverOptions } from './resolve-driver-options';
