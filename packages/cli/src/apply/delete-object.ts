import { apiCall } from '../api-call';
import { CliError, ExitCode } from '../cli-error';
import type { CliContext } from '../cli-context';
import { objectExists } from './object-exists';

/** What `delete` removes: a resource (by type and name), a pipeline or a resource definition. */
export type DeleteTarget =
  { kind: 'resource'; type: string; name: string } | { kind: 'pipeline' | 'definition'; name: string };

/**
 * Deletes one object. The server answers 204 for a resource that does not exist (protocol §5), so
 * existence is checked first: a typo is an error (exit 1) unless `ignoreNotFound`.
 */
export async function deleteObject(
  ctx: CliContext,
  client: ReturnType<CliContext['client']>,
  target: DeleteTarget,
  { ignoreNotFound, origin }: { ignoreNotFound: boolean; origin?: string },
): Promise<void> {
  const what =
    target.kind === 'resource'
      ? `resource ${target.type}/${target.name}`
      : `${target.kind === 'definition' ? 'resource definition' : 'pipeline'} ${target.name}`;
  const label = origin ? `${origin} ${what}` : what;
  const present = await objectExists(label, () =>
    target.kind === 'resource'
      ? client.getResource(target.type, target.name)
      : target.kind === 'pipeline'
        ? client.getPipeline(target.name)
        : client.getResourceDefinition(target.name),
  );
  if (present === false) {
    if (ignoreNotFound) return ctx.note(`${what} not found (ignored)`);
    throw new CliError(`${label}: not found (--ignore-not-found to accept that)`, ExitCode.failure);
  }
  if (present === undefined && target.kind === 'pipeline')
    throw new CliError(
      `${label}: the server routes no DELETE /pipelines/{name} (only the local control plane does)`,
      ExitCode.failure,
    );
  await apiCall(label, () =>
    target.kind === 'resource'
      ? client.deleteResource(target.type, target.name)
      : target.kind === 'pipeline'
        ? client.deletePipeline(target.name)
        : client.deleteResourceDefinition(target.name),
  );
  ctx.note(`${ctx.paintErr('green', '✓')} ${what} deleted`);
}
