// The adapter's public part; everything else in nats/ is internal to the runtime.
export * from './connection';
export * from './transport';
