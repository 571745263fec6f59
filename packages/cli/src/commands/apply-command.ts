import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { apiCall } from '../api-call';
import { classifyDocument, type Classified } from '../apply/classify-document';
import { readDocuments } from '../apply/read-documents';
import { CliError, ExitCode } from '../cli-error';
import type { CliContext, GlobalOptions } from '../cli-context';

const ORDER: Classified['kind'][] = ['definition', 'pipeline', 'resource'];

/** `conveyor apply -f FILE...`: definitions, then pipelines, then resources, whatever their order in the files. */
export function applyCommand(program: Command, context: (o: GlobalOptions) => CliContext): void {
  program
    .command('apply')
    .description(
      'create or update resource definitions and pipelines, and create resources (JSON or YAML; several per file)',
    )
    .requiredOption('-f, --file <path...>', 'file(s) to apply; "-" reads stdin')
    .addHelpText(
      'after',
      '\nEach resource created starts a run; its run id is printed (one per line on a pipe).',
    )
    .action(async (options: { file: string[] }, command: Command) => {
      const ctx = context(command.optsWithGlobals());
      const documents: Classified[] = [];
      for (const file of options.file) {
        const text = await readSource(file);
        documents.push(...readDocuments(text, file).map(classifyDocument));
      }
      if (documents.length === 0)
        throw new CliError('nothing to apply: the file(s) hold no objects', ExitCode.usage);
      const client = ctx.client();
      for (const kind of ORDER) {
        for (const document of documents.filter((d) => d.kind === kind)) {
          await applyOne(ctx, client, document);
        }
      }
    });
}

async function applyOne(
  ctx: CliContext,
  client: ReturnType<CliContext['client']>,
  document: Classified,
): Promise<void> {
  const label = `${document.origin} ${document.kind} ${document.body.name}`;
  switch (document.kind) {
    case 'definition':
      await apiCall(label, () => client.applyResourceDefinition(document.body));
      ctx.note(`${ctx.paintErr('green', '✓')} resource definition ${document.body.name} applied`);
      return;
    case 'pipeline':
      await apiCall(label, () => client.createPipeline(document.body));
      ctx.note(`${ctx.paintErr('green', '✓')} pipeline ${document.body.name} applied`);
      return;
    case 'resource': {
      const created = await apiCall(label, () => client.createResource(document.body));
      const target = `${document.body.resource}/${document.body.name}`;
      if (ctx.interactive)
        ctx.print(
          `${ctx.paint('green', '✓')} resource ${target} created, run ${ctx.paint('bold', created.runid)}`,
        );
      else ctx.print(created.runid);
    }
  }
}

async function readSource(file: string): Promise<string> {
  try {
    if (file === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
      return Buffer.concat(chunks).toString('utf8');
    }
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`, ExitCode.usage);
  }
}
