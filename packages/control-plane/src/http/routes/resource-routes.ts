import { randomUUID } from 'node:crypto';
import { buildInitEvent, encodeJson, startRunTrace, type Resource } from '@conveyor-ts/core';
import { newDispatchedRun, newPipelineRun } from '../../runs/run-transitions';
import type { Services } from '../../services';
import { HttpError, invalidPayload } from '../http-error';
import { decodeResource } from '../../wire/decode-bodies';
import { readJsonBody } from '../read-json-body';
import { requireStorableName, requireSubjectToken } from '../refuse-bad-names';
import type { RequestContext, Route } from '../request-context';
import { sendEmpty, sendJson } from '../respond';
import { checkSpec } from './check-spec';
import { UpdateConflictError } from '../../storage/update-conflict-error';

const nextVersion = (stored: Resource): string =>
  String((Number.parseInt(stored.metadata?.version ?? '0', 10) || 0) + 1);

/** `/resources` routes with the Go server's status codes and messages (protocol §5). */
export function resourceRoutes(services: Services): Route[] {
  const { resources, pipelines, runs, dispatcher } = services;

  async function readResource(ctx: RequestContext): Promise<Resource> {
    const decoded = decodeResource(await readJsonBody(ctx, invalidPayload));
    if ('problem' in decoded) throw invalidPayload();
    const resource = decoded.value;
    requireStorableName('name', resource.name);
    if (resource.pipeline) requireStorableName('pipeline', resource.pipeline);
    // The type is a token of the subjects the resource is sent on.
    if (resource.resource) requireSubjectToken('resource', resource.resource);
    return resource;
  }

  async function checkPipeline(resource: Resource) {
    if (!resource.pipeline) return undefined;
    const pipeline = await pipelines.get(resource.pipeline);
    if (!pipeline) throw new HttpError(500, 'Failed to get pipeline: pipeline not found');
    if (pipeline.resource !== resource.resource) {
      throw new HttpError(
        400,
        `Resource type ${resource.resource} does not match pipeline resource type ${pipeline.resource}`,
      );
    }
    return pipeline;
  }

  /** The resource travels double-encoded in its driver message: refused before it is stored if NATS cannot carry it. */
  function refuseUnsendable(runid: string, resource: Resource): void {
    const bytes = dispatcher.messageBytes(runid, resource);
    if (bytes > services.maxPayload) {
      throw new HttpError(
        413,
        `Resource too large: its driver message would be ${bytes} bytes, over the NATS max payload of ${services.maxPayload}`,
      );
    }
  }

  async function find(type: string, name: string): Promise<Resource> {
    const resource = await resources.get(type, name);
    if (!resource)
      throw new HttpError(
        500,
        `Failed to find resource: resource with name ${name} and type ${type} not found`,
      );
    return resource;
  }

  return [
    {
      method: 'POST',
      path: '/resources',
      async handle(ctx) {
        const body = await readResource(ctx);
        const resource: Resource = { ...body, id: randomUUID(), metadata: { version: '1' } };
        if (!resource.resource) throw new HttpError(400, 'Resource type is required');
        await checkSpec(services, resource);
        const pipeline = await checkPipeline(resource);
        const runid = randomUUID();
        refuseUnsendable(runid, resource);
        if (!(await resources.create(resource))) {
          throw new HttpError(
            500,
            `Failed to insert resource: resource with name ${resource.name} and type ${resource.resource} already exists`,
          );
        }
        const now = services.now();
        const run = startRunTrace({
          runId: runid,
          pipeline: pipeline?.name,
          resourceType: resource.resource,
          resourceName: resource.name,
        });
        const trace = run.headers && { trace: { ...run.headers } };
        try {
          if (pipeline) {
            await runs.create({ ...newPipelineRun(runid, resource, pipeline, now), ...trace });
            await dispatcher.init(encodeJson(buildInitEvent(runid, resource)), runid, run.headers);
          } else {
            await runs.create({ ...newDispatchedRun(runid, resource, now), ...trace });
            await dispatcher.broadcast(runid, resource, run.headers);
          }
          run.end();
        } catch (error) {
          run.end(error as Error);
          throw new HttpError(500, `Failed to publish resource event: ${(error as Error).message}`);
        }
        sendJson(ctx.res, 201, {
          message: 'Resource created successfully',
          name: resource.name,
          runid,
          version: '1',
        });
      },
    },
    {
      method: 'GET',
      path: '/resources',
      async handle() {
        // Mounted without a `:type` parameter on the server, so it always fails this way (protocol §5).
        throw new HttpError(400, 'Resource type is required');
      },
    },
    {
      method: 'GET',
      path: '/resources/:type/:name',
      async handle(ctx) {
        sendJson(ctx.res, 200, await find(ctx.params.type, ctx.params.name));
      },
    },
    {
      method: 'PUT',
      path: '/resources/:type/:name',
      async handle(ctx) {
        const { type, name } = ctx.params;
        requireSubjectToken('type', type);
        const body = await readResource(ctx);
        requireSubjectToken('resource', body.resource);
        await checkPipeline(body);
        await checkSpec(services, body, type);
        const updated = await resources
          .update(type, name, (stored) => ({
            ...body,
            id: stored.id,
            metadata: { ...(body.metadata ?? {}), version: nextVersion(stored) },
          }))
          .catch((error: unknown) => {
            if (error instanceof UpdateConflictError)
              throw new HttpError(409, `Failed to update resource: ${error.message}`);
            throw error;
          });
        if (!updated) {
          // The server's model wraps its own not-found error once more, trailing space included.
          const notFound = `resource with name ${name} and type ${type} not found`;
          throw new HttpError(500, `Failed to update resource: ${notFound}: ${notFound} `);
        }
        sendJson(ctx.res, 200, updated);
      },
    },
    {
      method: 'DELETE',
      path: '/resources/:type/:name',
      async handle(ctx) {
        await resources.delete(ctx.params.type, ctx.params.name);
        sendEmpty(ctx.res, 204);
      },
    },
    {
      method: 'GET',
      path: '/resources/:type/:name/:version',
      async handle(ctx) {
        const { type, name, version } = ctx.params;
        const resource = await resources.getVersion(type, name, version);
        if (!resource) {
          throw new HttpError(
            500,
            `Failed to find resource: resource with name ${name}, type ${type} and version ${version} not found`,
          );
        }
        sendJson(ctx.res, 200, resource);
      },
    },
  ];
}
