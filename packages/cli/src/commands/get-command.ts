import { Option, type Command } from 'commander';
import { apiCall } from '../api-call';
import type { CliContext, GlobalOptions } from '../cli-context';
import { CliError } from '../cli-error';
import { deriveRun, parseResourceRef } from '../no-run-records/derived-run';
import { NO_RUN_RECORDS, withoutRunRecords } from '../no-run-records/without-run-records';
import { formatObject, type OutputFormat } from '../output/print-object';

const output = (): Option =>
  new Option('-o, --output <format>', 'output format').choices(['json', 'yaml']).default('json');

/** `conveyor get definition|pipeline|resource|run ...`: one object, as JSON or YAML. */
export function getCommand(program: Command, context: (o: GlobalOptions) => CliContext): void {
  const get = program.command('get').description('show one object: definition, pipeline, resource or run');

  const show = (ctx: CliContext, format: OutputFormat, value: unknown): void =>
    ctx.print(formatObject(value, format));

  get
    .command('definition')
    .alias('resource-definition')
    .description('a resource definition')
    .argument('<name>')
    .addOption(output())
    .action(async (name: string, o: { output: OutputFormat }, cmd: Command) => {
      const ctx = context(cmd.optsWithGlobals());
      show(
        ctx,
        o.output,
        await apiCall(`definition ${name}`, () => ctx.client().getResourceDefinition(name)),
      );
    });

  get
    .command('pipeline')
    .description('a pipeline (served by the local control plane; a Conveyor server does not route it)')
    .argument('<name>')
    .addOption(output())
    .action(async (name: string, o: { output: OutputFormat }, cmd: Command) => {
      const ctx = context(cmd.optsWithGlobals());
      const client = ctx.client();
      const pipeline = await apiCall(`pipeline ${name}`, () =>
        withoutRunRecords(
          () => client.getPipeline(name),
          () => {
            throw new CliError(
              `pipeline ${name}: this server does not serve GET /pipelines/{name} (a Conveyor server only ` +
                'creates pipelines); read the pipeline file you applied, or use `conveyor dev`',
            );
          },
        ),
      );
      show(ctx, o.output, pipeline);
    });

  get
    .command('resource')
    .description('a resource, or one of its versions')
    .argument('<type>', 'resource definition name')
    .argument('<name>')
    .option('--resource-version <n>', 'a stored version (metadata.version) instead of the current resource')
    .addOption(output())
    .action(
      async (
        type: string,
        name: string,
        o: { output: OutputFormat; resourceVersion?: string },
        cmd: Command,
      ) => {
        const ctx = context(cmd.optsWithGlobals());
        const client = ctx.client();
        const value = await apiCall(`resource ${type}/${name}`, () =>
          o.resourceVersion === undefined
            ? client.getResource(type, name)
            : client.getResourceVersion(type, name, o.resourceVersion),
        );
        show(ctx, o.output, value);
      },
    );

  get
    .command('run')
    .description('a run with the status of each step (derived from logs on a server without run records)')
    .argument('<runid>')
    .option(
      '--resource <type/name>',
      "on a server without run records: also show the step results stored on the run's resource",
    )
    .addOption(output())
    .action(async (runid: string, o: { output: OutputFormat; resource?: string }, cmd: Command) => {
      const ctx = context(cmd.optsWithGlobals());
      const client = ctx.client();
      const resource = o.resource === undefined ? undefined : parseResourceRef(o.resource);
      const run = await apiCall(`run ${runid}`, () =>
        withoutRunRecords<unknown>(
          () => client.getRun(runid),
          async () => {
            ctx.note(`${NO_RUN_RECORDS}; this view is derived from what it serves`);
            return deriveRun(client, runid, resource);
          },
        ),
      );
      show(ctx, o.output, run);
    });
}
