export * from './control-plane';
export * from './control-plane-logger';
export * from './constants';
export * from './validation/spec-validator';
export * from './http/auth/request-token-verifier';
export * from './http/auth/authenticate-request';
