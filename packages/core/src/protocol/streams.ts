import { STREAM_DUPLICATE_WINDOW_MS } from '../constants';
import { StreamNames } from './subjects';

/** A stream as the Conveyor server creates it, independent of any NATS client library. */
export interface StreamDefinition {
  name: string;
  subjects: string[];
  retention: 'interest' | 'workqueue';
  storage: 'file';
  duplicateWindowMs: number;
}

/**
 * The three streams the server creates at every start with `CreateOrUpdateStream` (protocol §2.1):
 * no limits, file storage, one replica, discard-old, the default 2-minute dedupe window.
 */
export const CONVEYOR_STREAMS: readonly StreamDefinition[] = [
  {
    name: StreamNames.messages,
    subjects: ['resources.>', 'events.>', 'drivers.>'],
    retention: 'interest',
    storage: 'file',
    duplicateWindowMs: STREAM_DUPLICATE_WINDOW_MS,
  },
  {
    name: StreamNames.pipelineEngine,
    subjects: ['pipelines.>'],
    retention: 'workqueue',
    storage: 'file',
    duplicateWindowMs: STREAM_DUPLICATE_WINDOW_MS,
  },
  {
    name: StreamNames.logsEngine,
    subjects: ['logs.>'],
    retention: 'workqueue',
    storage: 'file',
    duplicateWindowMs: STREAM_DUPLICATE_WINDOW_MS,
  },
];
