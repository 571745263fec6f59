import { ConveyorApiError, ConveyorConnectionError } from '@conveyor-ts/core';
import { CliError, ExitCode } from './cli-error';

/** Runs an API call, turning the client's errors into one-line CLI errors with the right exit code. */
export async function apiCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ConveyorConnectionError) {
      throw new CliError(
        `${what}: ${error.message}. Is the control plane running (conveyor dev) and CONVEYOR_API_URL right?`,
        ExitCode.unreachable,
      );
    }
    if (error instanceof ConveyorApiError) {
      throw new CliError(
        `${what}: ${error.notFound ? 'not found' : `HTTP ${error.status}`}: ${error.serverMessage}`,
        ExitCode.failure,
      );
    }
    throw error;
  }
}
