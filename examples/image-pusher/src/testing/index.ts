export * from './registry-binary';
export * from './registry-process';
