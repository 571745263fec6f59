import { ConveyorApiError } from '@conveyor-ts/core';
import { apiCall } from '../api-call';

/**
 * Whether an object exists: false when the server says it is not found, undefined when the server
 * cannot tell (the Go server routes no `GET /pipelines/{name}`: `Cannot GET ...`).
 */
export function objectExists(label: string, get: () => Promise<unknown>): Promise<boolean | undefined> {
  return apiCall(label, async () => {
    try {
      await get();
      return true;
    } catch (error) {
      if (!(error instanceof ConveyorApiError)) throw error;
      if (/^Cannot GET/i.test(error.serverMessage)) return undefined;
      if (error.notFound) return false;
      throw error;
    }
  });
}
