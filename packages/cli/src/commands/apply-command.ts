import type { Command } from 'commander';
import { apiCall } from '../api-call';
import type { Classified } from '../apply/classify-document';
import { createResource } from '../apply/create-resource';
import { objectExists } from '../apply/object-exists';
import { readApplyFiles } from '../apply/read-apply-files';
import { warnUnconsumedSteps } from '../apply/warn-unconsumed-steps';
import { CliError, ExitCode } from '../cli-error';
import type { CliContext, GlobalOptions } from '../cli-context';
import { waitForRuns } from '../runs/wait-for-runs';
import { timeoutMs } from './wait-command';

const ORDER: Classified['kind'][] = ['definition', 'pipeline', 'resource'];

/** `conveyor apply -f FILE...`: definitions, then pipelines, then resources, whatever their order in the files. */
export function applyCommand(program: Command, context: (o: GlobalOptions) => CliContext): void {
  program
    .command('apply')
    .description(
      'create or update resource definitions and pipelines, and create resources (JSON or YAML; several per file)',
    )
    .requiredOption('-f, --file <path...>', 'file(s) to apply; "-" reads stdin')
    .option('--replace', 'delete a resource that exists already and create it again (starts a new run)')
    .option('-w, --wait', "wait for the runs started, with a line per step; exit with the runs' outcome")
    .option('-t, --timeout <seconds>', 'with --wait: give up after this long (exit code 4)')
    .addHelpText(
      'after',
      '\nDefinitions and pipelines are created or updated, so applying a file again is safe. Each resource\ncreated starts a run; its run id is printed (one per line on a pipe). A resource that exists already\nis an error unless --replace is given.',
    )
    .action(async (options: ApplyOptions, command: Command) => {
      const ctx = context(command.optsWithGlobals());
      const documents = await readApplyFiles(options.file);
      const waitTimeout = timeoutMs(options.timeout);
      const client = ctx.client();
      const runids: string[] = [];
      for (const kind of ORDER) {
        for (const document of documents.filter((d) => d.kind === kind)) {
          const runid = await applyOne(ctx, client, document, options);
          if (runid) runids.push(runid);
        }
      }
      if (!options.wait || runids.length === 0) return;
      const code = await waitForRuns(ctx, runids, { timeoutMs: waitTimeout });
      if (code !== ExitCode.ok) throw new CliError('', code);
    });
}

interface ApplyOptions {
  file: string[];
  replace?: boolean;
  wait?: boolean;
  timeout?: string;
}

async function applyOne(
  ctx: CliContext,
  client: ReturnType<CliContext['client']>,
  document: Classified,
  options: ApplyOptions,
): Promise<string | undefined> {
  const label = `${document.origin} ${document.kind} ${document.body.name}`;
  const done = (what: string, existed: boolean | undefined): void =>
    ctx.note(
      `${ctx.paintErr('green', '✓')} ${what} ${document.body.name} applied${existed === undefined ? '' : existed ? ' (updated)' : ' (created)'}`,
    );
  switch (document.kind) {
    case 'definition': {
      const existed = await objectExists(label, () => client.getResourceDefinition(document.body.name));
      await apiCall(label, () => client.applyResourceDefinition(document.body));
      done('resource definition', existed);
      return undefined;
    }
    case 'pipeline': {
      // The server replaces a pipeline of the same name on POST, and routes no GET (then: "applied").
      const existed = await objectExists(label, () => client.getPipeline(document.body.name));
      await apiCall(label, () => client.createPipeline(document.body));
      done('pipeline', existed);
      await warnUnconsumedSteps(ctx, client, document.body).catch(() => undefined);
      return undefined;
    }
    case 'resource':
      return createResource(ctx, client, document.body, { label, replace: options.replace === true });
  }
}
