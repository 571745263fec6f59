export * from './testing-driver';
export * from './create-testing-driver';
export * from './build-test-context';
export { RecordingLogger, type RecordedLogEntry } from '@conveyor-ts/core/testing';
export * from './driver-testbed';
