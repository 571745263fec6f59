import type { Services } from '../../services';
import type { Route } from '../request-context';
import { sendJson } from '../respond';

/** `GET /drivers`, of the control plane only: the drivers consuming now, for stall warnings. */
export function driverRoutes({ driverConsumers }: Services): Route[] {
  return [
    {
      method: 'GET',
      path: '/drivers',
      async handle(ctx) {
        sendJson(ctx.res, 200, await driverConsumers());
      },
    },
  ];
}
