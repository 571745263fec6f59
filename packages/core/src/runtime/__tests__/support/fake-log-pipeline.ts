import type { LogPipeline } from '../../../logging/log-pipeline';
import { RecordingLogger } from '../../../testing/recording-logger';

/** A log pipeline that keeps every run and process line in memory. */
export function fakeLogPipeline(): LogPipeline & { runs: RecordingLogger; process: RecordingLogger } {
  const runs = new RecordingLogger();
  return {
    runs,
    process: new RecordingLogger(),
    forRun: (bindings) => runs.child({ ...bindings }),
    stats: () => ({}),
    onDrop: () => () => undefined,
    flush: async () => undefined,
    close: async () => undefined,
  };
}
