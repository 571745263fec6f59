import { setTimeout as sleep } from 'node:timers/promises';
import type { ConveyorClient, LogEntry } from '@conveyor-ts/core';

/**
 * Prints a run's log entries as the control plane streams them (stored ones first, then live),
 * in the background, until `stop()`.
 */
export class RunLogFollower {
  private readonly controller = new AbortController();
  private readonly following: Promise<void>;
  private lastEntryAt = Date.now();
  /** Why the stream ended early, if it did; the run's outcome does not depend on it. */
  failure?: Error;

  constructor(client: ConveyorClient, runid: string, print: (entry: LogEntry) => void) {
    this.following = (async () => {
      try {
        for await (const entry of client.followRunLogs(runid, { signal: this.controller.signal })) {
          this.lastEntryAt = Date.now();
          print(entry);
        }
      } catch (error) {
        if (!this.controller.signal.aborted) this.failure = error as Error;
      }
    })();
  }

  /**
   * Stops following once the stream has been quiet for `quietMs` (a run's last lines may reach
   * the stream just after its result), or after `maxWaitMs` at most; at once when `immediately`.
   */
  async stop({ quietMs = 300, maxWaitMs = 3_000, immediately = false } = {}): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    while (
      !immediately &&
      !this.failure &&
      Date.now() < deadline &&
      Date.now() - this.lastEntryAt < quietMs
    ) {
      await sleep(50);
    }
    this.controller.abort();
    await this.following;
  }
}
