import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { classifyDocument, readDocuments, type Classified } from '@conveyor-ts/cli';

type BodyOf = { [C in Classified as C['kind']]: C['body'] };

/** examples/app-build: definition.yaml, pipeline.yaml and resource.yaml. */
export const APP_BUILD_FOLDER = join(__dirname, '..');

/**
 * Reads one of the example files exactly as `conveyor apply -f` does (its `kind` field decides,
 * and is removed), and checks it holds one object of the expected kind.
 */
export async function readExampleFile<K extends keyof BodyOf>(file: string, kind: K): Promise<BodyOf[K]> {
  const path = join(APP_BUILD_FOLDER, file);
  const documents = readDocuments(await readFile(path, 'utf8'), path).map(classifyDocument);
  const [document] = documents;
  if (documents.length !== 1 || document.kind !== kind)
    throw new Error(
      `${path}: expected one ${kind}, found ${documents.map((d) => d.kind).join(', ') || 'nothing'}`,
    );
  return document.body as BodyOf[K];
}
