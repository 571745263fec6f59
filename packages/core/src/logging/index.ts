export * from './driver-logger';
export * from './log-pipeline';
export * from './create-log-pipeline';
