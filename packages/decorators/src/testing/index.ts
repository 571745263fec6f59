export * from './testing-driver';
export * from './create-testing-driver';
export * from './build-test-context';
export * from './normalize-outcome';
export { RecordingLogger, type RecordedLogEntry } from '@conveyor-ts/core/testing';
export * from './driver-testbed';
