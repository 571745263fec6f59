/** One thing wrong with one driver class (or with the application's list of drivers). */
export interface DriverProblem {
  /** The class name, or `application` for problems of the driver list as a whole. */
  driver: string;
  problem: string;
}

/**
 * Everything wrong with the drivers of an application, found before connecting to anything and
 * reported together so one fix-and-rerun cycle is enough.
 */
export class DriverValidationError extends Error {
  override readonly name = 'DriverValidationError';

  constructor(readonly problems: readonly DriverProblem[]) {
    super(formatProblems(problems));
  }
}

function formatProblems(problems: readonly DriverProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((p) => `  - ${p.driver}: ${indent(p.problem)}`);
  return [`Cannot start the drivers, ${count} found (nothing was connected):`, ...lines].join('\n');
}

function indent(text: string): string {
  return text.split('\n').join('\n    ');
}
