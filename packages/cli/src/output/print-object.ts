import { stringify } from 'yaml';

export type OutputFormat = 'json' | 'yaml';

/** An object as indented JSON or YAML, for `get`. */
export function formatObject(value: unknown, format: OutputFormat): string {
  return format === 'yaml' ? stringify(value).trimEnd() : JSON.stringify(value, null, 2);
}
