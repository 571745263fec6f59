export * from './driver-definition';
export * from './driver-options';
export * from './reconcile-context';
