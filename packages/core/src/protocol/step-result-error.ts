/** An earlier pipeline step's result is missing or unusable; `problem` says which and why. */
export class StepResultError extends Error {
  override readonly name = 'StepResultError';

  constructor(
    /** The driver whose result was read. */
    readonly driver: string,
    readonly problem: string,
  ) {
    super(`Result of step "${driver}" (metadata["driverresults.${driver}"]) ${problem}`);
  }
}
