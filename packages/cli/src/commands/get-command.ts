import { Option, type Command } from 'commander';
import { apiCall } from '../api-call';
import type { CliContext, GlobalOptions } from '../cli-context';
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
    .description('a pipeline (served by the local control plane; the Go server does not route it)')
    .argument('<name>')
    .addOption(output())
    .action(async (name: string, o: { output: OutputFormat }, cmd: Command) => {
      const ctx = context(cmd.optsWithGlobals());
      show(ctx, o.output, await apiCall(`pipeline ${name}`, () => ctx.client().getPipeline(name)));
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
    .description('a run with the status of each step (local control plane)')
    .argument('<runid>')
    .addOption(output())
    .action(async (runid: string, o: { output: OutputFormat }, cmd: Command) => {
      const ctx = context(cmd.optsWithGlobals());
      show(ctx, o.output, await apiCall(`run ${runid}`, () => ctx.client().getRun(runid)));
    });
}
