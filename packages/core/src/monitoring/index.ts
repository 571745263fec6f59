export * from './driver-metrics';
export * from './monitoring-server';
export * from './prometheus-text';
