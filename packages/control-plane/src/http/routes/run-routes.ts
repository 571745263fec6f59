import type { RunStatus } from '@conveyor-ts/core';
import type { Services } from '../../services';
import { HttpError } from '../http-error';
import type { Route } from '../request-context';
import { sendJson } from '../respond';

/** Routes of the control plane only: run records with per-step status. */
export function runRoutes({ runs }: Services): Route[] {
  return [
    {
      method: 'GET',
      path: '/runs',
      async handle(ctx) {
        const { resource, name, pipeline, status } = ctx.query;
        sendJson(
          ctx.res,
          200,
          await runs.list({ resource, name, pipeline, status: status as RunStatus | undefined }),
        );
      },
    },
    {
      method: 'GET',
      path: '/runs/:runid',
      async handle(ctx) {
        const run = await runs.get(ctx.params.runid);
        if (!run) throw new HttpError(404, `run ${ctx.params.runid} not found`);
        sendJson(ctx.res, 200, run);
      },
    },
  ];
}
