import type { Services } from '../../services';
import { decodeLog } from '../../wire/decode-bodies';
import { HttpError } from '../http-error';
import { openLogFeed, type StreamWarn } from '../open-log-feed';
import { readJsonBody } from '../read-json-body';
import { requireStorableName } from '../refuse-bad-names';
import type { Route } from '../request-context';
import { sendJson, sendText } from '../respond';
import { streamLogs } from '../sse/stream-logs';

/** The log routes; their errors are plain text, as on the server (protocol §3.9). */
export function logRoutes(services: Services, warn: StreamWarn): Route[] {
  const textError = (why: string): HttpError => new HttpError(400, why, 'text');
  const filter = (value: string | undefined): string | undefined => (value === '' ? undefined : value);
  return [
    {
      method: 'POST',
      path: '/logs',
      async handle(ctx) {
        const decoded = decodeLog(await readJsonBody(ctx, textError));
        if ('problem' in decoded) throw textError(decoded.problem);
        for (const field of ['runid', 'driver', 'pipeline'] as const) {
          requireStorableName(field, decoded.value[field], 'text');
        }
        await services.logs.append(decoded.value);
        sendText(ctx.res, 201, 'Created');
      },
    },
    {
      method: 'GET',
      path: '/logs',
      async handle(ctx) {
        const { pipeline, driver, runid } = ctx.query;
        const entries = await services.logs.query({
          pipeline: filter(pipeline),
          driver: filter(driver),
          runid: filter(runid),
        });
        sendJson(ctx.res, 200, entries);
      },
    },
    {
      method: 'GET',
      path: '/logs/streams/:drivername/:runid',
      handle: async (ctx) =>
        streamLogs(ctx, await openLogFeed(services, warn, ctx.params.runid, ctx.params.drivername)),
    },
    {
      method: 'GET',
      path: '/logs/pipeline/:runid',
      handle: async (ctx) => streamLogs(ctx, await openLogFeed(services, warn, ctx.params.runid, undefined)),
    },
  ];
}
