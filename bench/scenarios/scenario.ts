import type { BenchContext } from '../harness/bench-context';
import type { ScenarioResult } from '../report/bench-report';

/** How long a run may take: `--quick` shrinks rounds and event counts for a smoke run. */
export interface BenchPlan {
  quick: boolean;
  rounds: number;
  /** Multiplies event counts and durations. */
  scale: number;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  run(ctx: BenchContext, plan: BenchPlan, log: (line: string) => void): Promise<ScenarioResult>;
}
