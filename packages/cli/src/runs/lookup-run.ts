import { ConveyorApiError, type ConveyorClient, type RunRecord } from '@conveyor-ts/core';
import { apiCall } from '../api-call';

/**
 * A run as the server knows it: `found`, `unknown` (the server records runs and has no such one), or
 * `untracked` (the server records no runs at all: the Go server answers `Cannot GET /runs/...`).
 */
export type RunLookup = { kind: 'found'; run: RunRecord } | { kind: 'unknown' } | { kind: 'untracked' };

export async function lookupRun(client: ConveyorClient, runid: string): Promise<RunLookup> {
  return apiCall(`run ${runid}`, async () => {
    try {
      return { kind: 'found', run: await client.getRun(runid) };
    } catch (error) {
      if (!(error instanceof ConveyorApiError) || error.status !== 404) throw error;
      return error.routeNotServed ? { kind: 'untracked' } : { kind: 'unknown' };
    }
  });
}
