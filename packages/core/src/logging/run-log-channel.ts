import { LogEntryWriter } from '../protocol/log-entry-writer';
import { Subjects } from '../protocol/subjects';
import type { RunLogBindings } from './driver-logger';

/**
 * What every log entry of one run shares: its bindings, and their wire forms (subjects, the start of
 * the Log JSON), each made once per run instead of once per line.
 */
export class RunLogChannel {
  private logs: string | undefined;
  private live: string | undefined;
  private legacy: string | undefined;
  private writer: LogEntryWriter | undefined;

  constructor(readonly bindings: RunLogBindings) {}

  /** `logs.<run_id>`: stored by the logs-engine stream. */
  get logsSubject(): string {
    return (this.logs ??= Subjects.logs(this.bindings.runId));
  }

  /** `live.logs.<run_id>.<driver>`. */
  get liveSubject(): string {
    return (this.live ??= Subjects.liveLogs(this.bindings.runId, this.bindings.driver));
  }

  /** The legacy live subject of servers up to v0.4.1. */
  get legacySubject(): string {
    return (this.legacy ??= Subjects.legacyLiveLogs(this.bindings.driver, this.bindings.runId));
  }

  /** Writes the run's entries as Log JSON, its fields encoded once. */
  get entries(): LogEntryWriter {
    const { runId, driver, pipeline } = this.bindings;
    return (this.writer ??= new LogEntryWriter({ runid: runId, driver, pipeline }));
  }
}
