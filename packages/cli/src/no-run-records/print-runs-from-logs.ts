import { runsFromLogs, type ConveyorClient } from '@conveyor-ts/core';
import { apiCall } from '../api-call';
import type { CliContext } from '../cli-context';
import { CliError, ExitCode } from '../cli-error';
import { table } from '../output/table';
import { NO_RUN_RECORDS } from './without-run-records';

/** `conveyor runs` on a server without run records: the runs its logs show, most recent first. */
export async function printRunsFromLogs(
  ctx: CliContext,
  client: ConveyorClient,
  o: { pipeline?: string; resource?: string; status?: string; limit: number; json?: boolean },
): Promise<void> {
  const unsupported = [o.resource && '--resource', o.status && '--status'].filter(Boolean);
  if (unsupported.length > 0) {
    throw new CliError(`${unsupported.join(' and ')} need run records: ${NO_RUN_RECORDS}`, ExitCode.usage);
  }
  const entries = await apiCall('logs', () => client.queryLogs({ pipeline: o.pipeline }));
  const runs = runsFromLogs(entries).slice(0, o.limit);
  if (o.json) {
    ctx.print(JSON.stringify(runs, null, 2));
    return;
  }
  ctx.note(
    `${NO_RUN_RECORDS}; the runs below come from its logs. ` +
      'Step results: conveyor get run <runid> --resource TYPE/NAME',
  );
  if (runs.length === 0) {
    ctx.note('no runs have logged');
    return;
  }
  const rows = runs.map((r) => [
    r.runid,
    r.pipeline ?? '-',
    r.drivers.join(' ') || '-',
    r.firstLogAt,
    r.lastLogAt,
  ]);
  ctx.print(table(['RUN ID', 'PIPELINE', 'DRIVERS THAT LOGGED', 'FIRST LOG', 'LAST LOG'], rows));
}
