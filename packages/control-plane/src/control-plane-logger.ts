/** Where the control plane reports what it drops or fails at. */
export interface ControlPlaneLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Warnings and errors to stderr; info is quiet (the CLI prints its own). */
export const stderrLogger: ControlPlaneLogger = {
  info: () => undefined,
  warn: (message) => process.stderr.write(`[control-plane] warn: ${message}\n`),
  error: (message, error) =>
    process.stderr.write(
      `[control-plane] error: ${message}${error ? `: ${(error as Error).stack ?? String(error)}` : ''}\n`,
    ),
};
