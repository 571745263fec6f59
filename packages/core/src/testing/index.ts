export * from './test-environment';
// Servers start through the production module the control plane uses: one implementation.
export * from '../processes';
export * from './recording-logger';
export * from './driver-message-publisher';
export * from './result-collector';
export * from './test-certificates';
export * from './nats-cluster';
