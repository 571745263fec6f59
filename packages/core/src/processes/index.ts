export * from './process-group';
export * from './nats-server-process';
export * from './nats-server-binary';
export * from './free-port';
export * from './tools-binary';
export { PortInUseError } from './port-in-use-error';
