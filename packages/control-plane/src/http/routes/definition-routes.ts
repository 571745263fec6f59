import { randomUUID } from 'node:crypto';
import type { ResourceDefinition } from '@conveyor-ts/core';
import type { Services } from '../../services';
import { decodeDefinition } from '../../wire/decode-bodies';
import { HttpError, invalidPayload } from '../http-error';
import { readJsonBody } from '../read-json-body';
import { requireSubjectToken } from '../refuse-bad-names';
import type { RequestContext, Route } from '../request-context';
import { sendEmpty, sendJson } from '../respond';

/** `/resource-definitions` routes with the Go server's status codes and messages (protocol §5). */
export function definitionRoutes({ definitions }: Services): Route[] {
  async function readDefinition(ctx: RequestContext): Promise<ResourceDefinition> {
    const decoded = decodeDefinition(await readJsonBody(ctx, invalidPayload));
    if ('problem' in decoded) throw invalidPayload();
    return decoded.value;
  }

  // A definition's name becomes the type of resources, a token of their subjects: checked on every write.
  const notFound = (action: string, name: string): HttpError =>
    new HttpError(
      500,
      `Failed to ${action} resource definition: resource definition with name ${name} not found`,
    );

  return [
    {
      method: 'POST',
      path: '/resource-definitions',
      async handle(ctx) {
        const definition = { ...(await readDefinition(ctx)), id: randomUUID() };
        requireSubjectToken('name', definition.name);
        if (!(await definitions.create(definition))) {
          throw new HttpError(
            500,
            `Failed to insert resource definition: resource definition with name ${definition.name} already exists`,
          );
        }
        sendJson(ctx.res, 201, definition);
      },
    },
    {
      method: 'POST',
      path: '/resource-definitions/apply',
      async handle(ctx) {
        const body = await readDefinition(ctx);
        if (!body.name) throw new HttpError(400, 'Resource name is required'); // sic: the server's words
        requireSubjectToken('name', body.name);
        const existing = await definitions.get(body.name);
        // The server stores the update path's body as is; on create it means to store the new id
        // (and, by a bug, stores an empty one: protocol §5). The new id is kept here.
        const definition = existing ? body : { ...body, id: randomUUID() };
        await definitions.put(body.name, definition);
        sendJson(ctx.res, 201, definition);
      },
    },
    {
      method: 'GET',
      path: '/resource-definitions/:name',
      async handle(ctx) {
        const definition = await definitions.get(ctx.params.name);
        if (!definition) throw notFound('find', ctx.params.name);
        sendJson(ctx.res, 200, definition);
      },
    },
    {
      method: 'PUT',
      path: '/resource-definitions/:name',
      async handle(ctx) {
        const body = await readDefinition(ctx);
        requireSubjectToken('name', body.name);
        if (!(await definitions.get(ctx.params.name))) throw notFound('update', ctx.params.name);
        await definitions.put(ctx.params.name, body);
        sendJson(ctx.res, 200, body);
      },
    },
    {
      method: 'DELETE',
      path: '/resource-definitions/:name',
      async handle(ctx) {
        if (!(await definitions.get(ctx.params.name))) throw notFound('delete', ctx.params.name);
        await definitions.delete(ctx.params.name);
        sendEmpty(ctx.res, 204);
      },
    },
  ];
}
