import type { Services } from '../../services';
import { decodePipeline } from '../../wire/decode-bodies';
import { HttpError, invalidPayload } from '../http-error';
import { readJsonBody } from '../read-json-body';
import type { Route } from '../request-context';
import { sendJson } from '../respond';

/** `POST /pipelines`, the only pipeline route the server serves (protocol §5). */
export function pipelineRoutes({ definitions, pipelines }: Services): Route[] {
  return [
    {
      method: 'POST',
      path: '/pipelines',
      async handle(ctx) {
        const decoded = decodePipeline(await readJsonBody(ctx.req, invalidPayload));
        if ('problem' in decoded) throw invalidPayload();
        const pipeline = decoded.value;
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
  ];
}
