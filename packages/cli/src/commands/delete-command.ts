import type { Command } from 'commander';
import type { Classified } from '../apply/classify-document';
import { deleteObject, type DeleteTarget } from '../apply/delete-object';
import { readApplyFiles } from '../apply/read-apply-files';
import { CliError, ExitCode } from '../cli-error';
import type { CliContext, GlobalOptions } from '../cli-context';

/** Resources before the pipelines they use, pipelines before the definitions they name. */
const ORDER: Classified['kind'][] = ['resource', 'pipeline', 'definition'];

interface DeleteOptions {
  file?: string[];
  ignoreNotFound?: boolean;
}

/** `conveyor delete -f FILE...` or `conveyor delete resource|pipeline|definition NAME...`. */
export function deleteCommand(program: Command, context: (o: GlobalOptions) => CliContext): void {
  program
    .command('delete')
    .description('delete what files hold (-f), or one resource, pipeline or resource definition')
    .argument('[kind]', 'resource, pipeline or definition (without -f)')
    .argument('[names...]', 'resource: TYPE NAME; pipeline or definition: NAME')
    .option('-f, --file <path...>', 'delete every object of these files (as given to apply)')
    .option('--ignore-not-found', 'an object that does not exist is not an error')
    .action(async (kind: string | undefined, names: string[], o: DeleteOptions, cmd: Command) => {
      const ctx = context(cmd.optsWithGlobals());
      const client = ctx.client();
      const ignoreNotFound = o.ignoreNotFound === true;
      if (!o.file) return deleteObject(ctx, client, namedTarget(kind, names), { ignoreNotFound });
      if (kind !== undefined)
        throw new CliError('give either -f or a kind and names, not both', ExitCode.usage);
      const documents = await readApplyFiles(o.file);
      for (const k of ORDER)
        for (const document of documents.filter((d) => d.kind === k))
          await deleteObject(ctx, client, fileTarget(document), { ignoreNotFound, origin: document.origin });
    });
}

function fileTarget(document: Classified): DeleteTarget {
  return document.kind === 'resource'
    ? { kind: 'resource', type: document.body.resource, name: document.body.name }
    : { kind: document.kind, name: document.body.name };
}

function namedTarget(kind: string | undefined, names: string[]): DeleteTarget {
  const usage = (): CliError =>
    new CliError(
      'usage: conveyor delete resource TYPE NAME | pipeline NAME | definition NAME | -f FILE',
      ExitCode.usage,
    );
  if (kind === 'resource') {
    if (names.length !== 2) throw usage();
    return { kind: 'resource', type: names[0], name: names[1] };
  }
  if (kind === 'pipeline' || kind === 'definition' || kind === 'resource-definition') {
    if (names.length !== 1) throw usage();
    return { kind: kind === 'pipeline' ? 'pipeline' : 'definition', name: names[0] };
  }
  throw usage();
}
