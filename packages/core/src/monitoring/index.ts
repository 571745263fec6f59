export * from './driver-metrics';
export * from './monitoring-server';
