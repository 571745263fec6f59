/** Exit codes of the `conveyor` command. */
export const ExitCode = {
  ok: 0,
  /** The API refused a request, or a run/driver failed. */
  failure: 1,
  /** Bad usage or an unreadable input file. */
  usage: 2,
  /** The API or NATS could not be reached. */
  unreachable: 3,
  /** `wait --timeout` ran out before the run ended. */
  timeout: 4,
} as const;

/** An error the CLI reports as one line, with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.failure,
  ) {
    super(message);
  }
}
