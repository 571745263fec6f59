import { consumesStep, type DriverConsumerInfo } from '@conveyor-ts/core';
import type { RunStore } from '../storage/run-store';
import { stallStep } from './run-transitions';

export interface StallWatchDeps {
  runs: RunStore;
  driverConsumers(): Promise<DriverConsumerInfo[]>;
  /** How long a step may run without a consumer of its subject before it is marked stalled. */
  stallAfterMs: number;
  warn(message: string): void;
  now?: () => number;
}

/**
 * Marks running steps whose driver has no consumer, once they have waited `stallAfterMs`: a typo in a
 * pipeline, or a resource type missing from the driver's `resources`, then shows instead of a run
 * that stays `running` for ever.
 */
export class StallWatch {
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;

  constructor(private readonly deps: StallWatchDeps) {}

  start(): void {
    const period = Math.max(100, Math.min(this.deps.stallAfterMs / 2, 5_000));
    this.timer = setInterval(() => {
      this.checking ??= this.check()
        .catch((error: unknown) => this.deps.warn(`stall check failed: ${(error as Error).message}`))
        .finally(() => (this.checking = undefined));
    }, period);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
  }

  /** One pass over the running runs. */
  async check(): Promise<void> {
    const now = this.deps.now?.() ?? Date.now();
    const waiting = (await this.deps.runs.list({ status: 'running' })).flatMap((run) =>
      run.steps
        .filter(
          (s) => s.status === 'running' && now - Date.parse(s.startedAt ?? '') >= this.deps.stallAfterMs,
        )
        .map((step) => ({ run, step })),
    );
    if (waiting.length === 0) return;
    const consumers = await this.deps.driverConsumers();
    for (const { run, step } of waiting) {
      if (consumers.some((c) => consumesStep(c.filterSubjects, step.driver, run.resource.type))) continue;
      const message = `no consumer of driver "${step.driver}" for resource type "${run.resource.type}": is the driver running, and are its name and resources right?`;
      await this.deps.runs.update(run.runid, (r) =>
        stallStep(r, step.index, message, new Date(now).toISOString()),
      );
      this.deps.warn(`run ${run.runid}: step ${step.index + 1} stalled: ${message}`);
    }
  }
}
