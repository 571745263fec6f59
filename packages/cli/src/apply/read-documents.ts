import { parseAllDocuments } from 'yaml';
import { CliError, ExitCode } from '../cli-error';

/** One object of an apply file, with where it came from for error messages. */
export interface SourceDocument {
  value: Record<string, unknown>;
  /** `file.yaml#2`: the file and the 1-based position of the object in it. */
  origin: string;
}

/**
 * Reads every object of a JSON or YAML text: YAML documents separated by `---`, and JSON (which is
 * YAML) holding one object or an array of objects.
 */
export function readDocuments(text: string, file: string): SourceDocument[] {
  const documents = parseAllDocuments(text);
  const values: unknown[] = [];
  for (const document of documents) {
    const [error] = document.errors;
    if (error) throw new CliError(`${file}: ${error.message}`, ExitCode.usage);
    const value: unknown = document.toJS();
    if (Array.isArray(value)) values.push(...value);
    else if (value !== null && value !== undefined) values.push(value);
  }
  return values.map((value, i) => {
    const origin = `${file}#${i + 1}`;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new CliError(
        `${origin}: expected an object, got ${Array.isArray(value) ? 'an array' : typeof value}`,
        ExitCode.usage,
      );
    }
    return { value: value as Record<string, unknown>, origin };
  });
}
