export * from './test-environment';
export * from './nats-server-process';
export * from './nats-server-binary';
export * from './free-port';
export * from './recording-logger';
export * from './driver-message-publisher';
export * from './result-collector';
export * from './test-certificates';
