import type { Services } from '../../services';
import { decodePipeline } from '../../wire/decode-bodies';
import { HttpError, invalidPayload } from '../http-error';
import { readJsonBody } from '../read-json-body';
import { requireStorableName, requireSubjectToken } from '../refuse-bad-names';
import type { Route } from '../request-context';
import { sendEmpty, sendJson } from '../respond';

/**
 * `POST /pipelines`, as the server serves it, and `GET`/`DELETE /pipelines/{name}`, which the server
 * documents in its swagger file but does not route (protocol §5); served here with the documented shapes.
 */
export function pipelineRoutes({ definitions, pipelines }: Services): Route[] {
  return [
    {
      method: 'POST',
      path: '/pipelines',
      async handle(ctx) {
        const decoded = decodePipeline(await readJsonBody(ctx, invalidPayload));
        if ('problem' in decoded) throw invalidPayload();
        const pipeline = decoded.value;
        requireStorableName('name', pipeline.name);
        // The type and each step's driver are tokens of the subjects the steps are sent on.
        requireSubjectToken('resource', pipeline.resource);
        (pipeline.steps ?? []).forEach((step, i) => requireSubjectToken(`steps[${i}].driver`, step.driver));
        if (!(await definitions.get(pipeline.resource))) {
          throw new HttpError(
            500,
            `Failed to find resource definition: resource definition with name ${pipeline.resource} not found`,
          );
        }
        await pipelines.put(pipeline);
        sendJson(ctx.res, 201, pipeline);
      },
    },
    {
      method: 'GET',
      path: '/pipelines/:name',
      async handle(ctx) {
        const pipeline = await pipelines.get(ctx.params.name);
        if (!pipeline) throw new HttpError(404, 'Pipeline not found');
        sendJson(ctx.res, 200, pipeline);
      },
    },
    {
      method: 'DELETE',
      path: '/pipelines/:name',
      async handle(ctx) {
        if (!(await pipelines.get(ctx.params.name))) throw new HttpError(404, 'Pipeline not found');
        await pipelines.delete(ctx.params.name);
        sendEmpty(ctx.res, 204);
      },
    },
  ];
}
