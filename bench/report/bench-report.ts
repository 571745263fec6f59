/** The JSON a bench run writes to bench/results/, from which docs/benchmarks.md and its chart are rendered. */

export interface Table {
  columns: string[];
  rows: string[][];
}

export interface TargetCheck {
  /** What the issue asks for, e.g. "framework >= 90% of raw at c=1". */
  target: string;
  /** The figure it was judged on, formatted. */
  measured: string;
  met: boolean;
}

export interface Bar {
  label: string;
  value: number;
  /** A peer's figure (drawn grey); the framework's otherwise. */
  peer?: boolean;
}

/** One bar-chart panel: bars sharing a unit and a scale. */
export interface ChartPanel {
  title: string;
  unit: string;
  bars: Bar[];
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** Per message, what each side does: stated above the figures. */
  workload: string;
  table: Table;
  targets: TargetCheck[];
  charts: ChartPanel[];
  /** Every sample, for whoever wants to recompute. */
  samples: unknown;
  /** Set when a partial run (`--only`) renders this scenario from an earlier run's file. */
  carriedOverFrom?: { startedAt: string; quick: boolean };
}

/** A scenario that threw: the run goes on, the report says why. */
export interface ScenarioFailure {
  id: string;
  title: string;
  error: string;
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  os: string;
  node: string;
  natsServer: string;
  /** 1-minute load average when the run started and ended (other work on the machine shows here). */
  loadAverage: { start: number; end: number };
}

export interface BenchReport {
  startedAt: string;
  wallSeconds: number;
  /** The command line, e.g. `npm run bench -- --quick`. */
  command: string;
  quick: boolean;
  machine: Machine;
  scenarios: ScenarioResult[];
  failures: ScenarioFailure[];
}
