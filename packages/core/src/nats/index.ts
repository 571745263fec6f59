// The adapter's public part; everything else in nats/ is internal to the runtime.
export * from './connection';
export * from './transport';
export * from './server-version';
export * from './consumer-conflict-error';
export * from './driver-consumer-spec';
export * from './delivered-message';
export * from './connection-status';
export * from './stream-provisioner';
export * from './jetstream-placement';
