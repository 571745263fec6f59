export * from './constants';
export * from './protocol';
export * from './config';
export * from './nats';
export * from './logging';
export * from './runtime';
export { IsSubjectToken } from './protocol/model/is-subject-token';
export * from './client';
export * from './monitoring';
