export * from './config-error';
export * from './conveyor-config';
