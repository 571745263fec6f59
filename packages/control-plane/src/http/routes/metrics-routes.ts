import { METRICS_CONTENT_TYPE } from '../../constants';
import type { ApiMetrics } from '../metrics/api-metrics';
import type { Route } from '../request-context';

/** `GET /metrics`: Prometheus text, open without a token like the server's (§6.1). */
export function metricsRoutes(metrics: ApiMetrics): Route[] {
  return [
    {
      method: 'GET',
      path: '/metrics',
      async handle(ctx) {
        const text = await metrics.registry.metrics();
        ctx.res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE });
        ctx.res.end(text);
      },
    },
  ];
}
