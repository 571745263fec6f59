export * from './conveyor-client';
export * from './conveyor-api-error';
export * from './request-authorizer';
export * from './call-options';
export * from './api-types';
export * from './run-record';
export * from './sse-events';
