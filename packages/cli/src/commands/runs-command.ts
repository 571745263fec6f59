import { Option, type Command } from 'commander';
import type { RunRecord } from '@conveyor-ts/core';
import { apiCall } from '../api-call';
import type { CliContext, GlobalOptions } from '../cli-context';
import { printRunsFromLogs } from '../no-run-records/print-runs-from-logs';
import { withoutRunRecords } from '../no-run-records/without-run-records';
import { STEP_MARKS } from '../output/format-step-progress';
import { table } from '../output/table';
import type { Colour, Paint } from '../output/terminal';

const STATUS_COLOURS: Record<RunRecord['status'], Colour> = {
  running: 'yellow',
  succeeded: 'green',
  failed: 'red',
  dispatched: 'blue',
};

/** `conveyor runs`: recent runs with the status of each step (local control plane). */
export function runsCommand(program: Command, context: (o: GlobalOptions) => CliContext): void {
  program
    .command('runs')
    .description(
      'list runs with their status and the status of each step (derived from logs on a server without run records)',
    )
    .option('-r, --resource <type>', 'only runs of this resource type')
    .option('-p, --pipeline <name>', 'only runs of this pipeline')
    .addOption(
      new Option('-s, --status <status>', 'only runs with this status').choices([
        'running',
        'succeeded',
        'failed',
        'dispatched',
      ]),
    )
    .option('-n, --limit <count>', 'at most this many runs, newest first', '20')
    .option('--json', 'print the run records as JSON')
    .action(
      async (
        o: {
          resource?: string;
          pipeline?: string;
          status?: RunRecord['status'];
          limit: string;
          json?: boolean;
        },
        cmd: Command,
      ) => {
        const ctx = context(cmd.optsWithGlobals());
        const client = ctx.client();
        const limit = Math.max(0, Number.parseInt(o.limit, 10) || 20);
        const runs = await apiCall('runs', () =>
          withoutRunRecords<RunRecord[] | undefined>(
            () => client.listRuns({ resource: o.resource, pipeline: o.pipeline, status: o.status }),
            async () => undefined,
          ),
        );
        if (!runs) return printRunsFromLogs(ctx, client, { ...o, limit });
        const shown = runs.slice(0, limit);
        if (o.json) {
          ctx.print(JSON.stringify(shown, null, 2));
          return;
        }
        if (shown.length === 0) {
          ctx.note('no runs');
          return;
        }
        const rows = shown.map((run) => [
          run.runid,
          `${run.resource.type}/${run.resource.name}`,
          run.pipeline ?? '-',
          ctx.paint(STATUS_COLOURS[run.status], run.status),
          steps(run, ctx.paint),
          run.createdAt,
        ]);
        ctx.print(table(['RUN ID', 'RESOURCE', 'PIPELINE', 'STATUS', 'STEPS', 'CREATED'], rows));
        for (const run of shown) {
          const stalled = run.steps.find((s) => s.status === 'stalled');
          if (stalled)
            ctx.print(
              `${ctx.paint('red', '⏸')} ${run.runid}: ${stalled.driver} stalled: ${stalled.message ?? ''}`,
            );
        }
        for (const run of shown.filter((r) => r.status === 'failed')) {
          const failed = run.steps.find((s) => s.status === 'failed');
          if (failed)
            ctx.print(`${ctx.paint('red', '✗')} ${run.runid}: ${failed.driver}: ${failed.message ?? ''}`);
        }
      },
    );
}

function steps(run: RunRecord, paint: Paint): string {
  if (run.steps.length === 0) return '-';
  return run.steps
    .map((s) => `${s.driver} ${paint(STEP_MARKS[s.status][1], STEP_MARKS[s.status][0])}`)
    .join('  ');
}
