import type { Resource } from '@conveyor-ts/core';
import { apiCall } from '../api-call';
import { CliError, ExitCode } from '../cli-error';
import type { CliContext } from '../cli-context';
import { objectExists } from './object-exists';

/**
 * Creates a resource and returns its run id; with `replace`, deletes and re-creates one that exists.
 * The server updates a resource without starting a run (protocol §5), so re-creating is the only way
 * to run it again.
 */
export async function createResource(
  ctx: CliContext,
  client: ReturnType<CliContext['client']>,
  resource: Resource,
  { label, replace }: { label: string; replace: boolean },
): Promise<string> {
  const target = `${resource.resource}/${resource.name}`;
  const present = await objectExists(label, () => client.getResource(resource.resource, resource.name));
  if (present && !replace)
    throw new CliError(
      `${label}: resource ${target} exists already (creating a resource starts its run, so apply does not update it); --replace deletes and re-creates it, starting a new run`,
      ExitCode.failure,
    );
  if (present) await apiCall(label, () => client.deleteResource(resource.resource, resource.name));
  const created = await apiCall(label, () => client.createResource(resource));
  const verb = present ? 'replaced' : 'created';
  if (ctx.interactive)
    ctx.print(
      `${ctx.paint('green', '✓')} resource ${target} ${verb}, run ${ctx.paint('bold', created.runid)}`,
    );
  else ctx.print(created.runid);
  return created.runid;
}
