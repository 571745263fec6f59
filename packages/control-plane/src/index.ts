export * from './control-plane';
export * from './control-plane-logger';
export * from './constants';
export * from './validation/spec-validator';
