import { readFile } from 'node:fs/promises';
import { CliError, ExitCode } from '../cli-error';
import { classifyDocument, type Classified } from './classify-document';
import { readDocuments } from './read-documents';

/** Every object of the files given to `apply -f` / `delete -f` ("-" is stdin); at least one. */
export async function readApplyFiles(files: readonly string[]): Promise<Classified[]> {
  const documents: Classified[] = [];
  for (const file of files) {
    const text = await readSource(file);
    documents.push(...readDocuments(text, file).map(classifyDocument));
  }
  if (documents.length === 0)
    throw new CliError('nothing to do: the file(s) hold no objects', ExitCode.usage);
  return documents;
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
