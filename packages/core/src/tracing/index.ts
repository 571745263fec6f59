export * from './message-trace';
export * from './pipeline-trace';
export * from './span-attributes';
export * from './trace-headers';
export * from './tracing-active';
