export * from './test-repository';
