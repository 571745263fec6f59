import {
  readStepResults,
  runsFromLogs,
  type ConveyorClient,
  type DriverResultEvent,
} from '@conveyor-ts/core';
import { CliError, ExitCode } from '../cli-error';

/** A run as far as a server without run records shows it: its logs, and its resource's step results. */
export interface DerivedRun {
  runid: string;
  /** Where the view comes from, so nobody mistakes it for a run record. */
  derivedFrom: string[];
  pipeline?: string;
  /** Drivers that logged for the run, in the order they first logged. */
  driversThatLogged: string[];
  firstLogAt?: string;
  lastLogAt?: string;
  logEntries: number;
  /** With `--resource`: each step result the engine stored on the resource (protocol §4.4a). */
  stepResults?: DriverResultEvent[];
  /** `failed` when a stored result failed; otherwise the server cannot tell. */
  status: 'failed' | 'unknown';
}

/** Parses `TYPE/NAME` as given to `--resource`. */
export function parseResourceRef(ref: string): { type: string; name: string } {
  const slash = ref.indexOf('/');
  if (slash <= 0 || slash === ref.length - 1)
    throw new CliError(`--resource must be TYPE/NAME, got "${ref}"`, ExitCode.usage);
  return { type: ref.slice(0, slash), name: ref.slice(slash + 1) };
}

/** Builds the run's view from `GET /logs?runid=` and, when named, the resource's stored results. */
export async function deriveRun(
  client: ConveyorClient,
  runid: string,
  resource?: { type: string; name: string },
): Promise<DerivedRun> {
  const [run] = runsFromLogs(await client.queryLogs({ runid }));
  const stepResults = resource
    ? readStepResults(await client.getResource(resource.type, resource.name))
    : undefined;
  if (!run && !stepResults) {
    throw new CliError(
      `run ${runid}: this server keeps no run records and has no logs for this run; ` +
        'name its resource with --resource TYPE/NAME to see the stored step results',
    );
  }
  return {
    runid,
    derivedFrom: [
      `GET /logs?runid=${runid}`,
      ...(resource ? [`GET /resources/${resource.type}/${resource.name}`] : []),
    ],
    pipeline: run?.pipeline,
    driversThatLogged: run?.drivers ?? [],
    firstLogAt: run?.firstLogAt,
    lastLogAt: run?.lastLogAt,
    logEntries: run?.entries ?? 0,
    stepResults,
    status: stepResults?.some((r) => !r.success) ? 'failed' : 'unknown',
  };
}
