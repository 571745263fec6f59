import type { Route } from '../request-context';
import { sendJson, sendText } from '../respond';

/** `GET /health` (as the standalone server) and the banner at `/`. */
export function healthRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/health',
      async handle(ctx) {
        sendJson(ctx.res, 200, { status: 'healthy', time: Math.floor(Date.now() / 1000) });
      },
    },
    {
      method: 'GET',
      path: '/',
      async handle(ctx) {
        sendText(ctx.res, 200, 'Conveyor CI local control plane (@conveyor-ts/control-plane)');
      },
    },
  ];
}
