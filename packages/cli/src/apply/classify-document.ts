import type { Pipeline, Resource, ResourceDefinition } from '@conveyor-ts/core';
import { CliError, ExitCode } from '../cli-error';
import type { SourceDocument } from './read-documents';

export type Classified =
  | { kind: 'definition'; origin: string; body: ResourceDefinition }
  | { kind: 'pipeline'; origin: string; body: Pipeline }
  | { kind: 'resource'; origin: string; body: Resource };

const KINDS: Record<string, Classified['kind']> = {
  resourcedefinition: 'definition',
  definition: 'definition',
  pipeline: 'pipeline',
  resource: 'resource',
};

/**
 * Tells what an object is: its `kind` field when present (`ResourceDefinition`, `Pipeline`,
 * `Resource`; removed before sending), else its shape: a `schema` makes a definition, `steps` a
 * pipeline, `spec` a resource.
 */
export function classifyDocument({ value, origin }: SourceDocument): Classified {
  const { kind: declared, ...body } = value;
  let kind: Classified['kind'] | undefined;
  if (declared !== undefined) {
    kind = typeof declared === 'string' ? KINDS[declared.toLowerCase()] : undefined;
    if (!kind)
      throw new CliError(
        `${origin}: unknown kind ${JSON.stringify(declared)} (use ResourceDefinition, Pipeline or Resource)`,
        ExitCode.usage,
      );
  } else if ('schema' in body) kind = 'definition';
  else if ('steps' in body) kind = 'pipeline';
  else if ('spec' in body) kind = 'resource';
  if (!kind) {
    throw new CliError(
      `${origin}: cannot tell what this is; add "kind: ResourceDefinition|Pipeline|Resource"`,
      ExitCode.usage,
    );
  }
  if (typeof body.name !== 'string' || body.name === '')
    throw new CliError(`${origin}: "name" is required`, ExitCode.usage);
  return { kind, origin, body } as unknown as Classified;
}
