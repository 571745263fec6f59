import swaggerDocument from '../swagger/conveyor-swagger.json';
import type { Route } from '../request-context';
import { sendJson } from '../respond';

/**
 * `GET /swagger/doc.json`: the server's OpenAPI file (Conveyor HEAD a1093d8, verbatim), which documents
 * the routes this control plane answers like the server. No Swagger UI is served.
 */
export function swaggerRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/swagger/doc.json',
      async handle(ctx) {
        sendJson(ctx.res, 200, swaggerDocument);
      },
    },
  ];
}
