import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MonitoringServerOptions {
  port: number;
  host: string;
  /** Prometheus text for `GET /metrics`, and its Content-Type. */
  metrics(): Promise<{ text: string; contentType: string }>;
  /** Why the process is not ready (`GET /readyz` answers 503 with it), or undefined when it is. */
  notReady(): string | undefined;
}

/**
 * `GET /metrics` (Prometheus), `GET /healthz` (liveness: the event loop answers) and `GET /readyz`
 * (readiness: started and connected to NATS), for Kubernetes probes and scrapers.
 */
export class MonitoringServer {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(options: MonitoringServerOptions): Promise<MonitoringServer> {
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const reply = (status: number, type: string, body: string) => {
        res.writeHead(status, { 'content-type': type }).end(body);
      };
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return reply(405, 'text/plain', 'method not allowed\n');
      if (path === '/metrics') {
        return void options.metrics().then(
          ({ text, contentType }) => reply(200, contentType, text),
          (error: Error) => reply(500, 'text/plain', `metrics failed: ${error.message}\n`),
        );
      }
      if (path === '/healthz') return reply(200, 'text/plain', 'ok\n');
      if (path === '/readyz') {
        const problem = options.notReady();
        return problem ? reply(503, 'text/plain', `${problem}\n`) : reply(200, 'text/plain', 'ready\n');
      }
      reply(404, 'text/plain', 'not found: try /metrics, /healthz or /readyz\n');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new Error(
            `monitoring endpoint cannot listen on ${options.host}:${options.port}: ${error.code ?? error.message}`,
            { cause: error },
          ),
        ),
      );
      server.listen(options.port, options.host, resolve);
    });
    const { port } = server.address() as AddressInfo;
    const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
    return new MonitoringServer(server, `http://${host}:${port}`);
  }

  stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    return closed;
  }
}
