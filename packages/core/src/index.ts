export * from './constants';
export * from './protocol';
export * from './config';
