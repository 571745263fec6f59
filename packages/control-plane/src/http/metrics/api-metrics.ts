import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { API_REQUEST_DURATION_BUCKETS_SECONDS } from '../../constants';

/** Names a request's route once it is known (the pattern, e.g. `/resources/:type/:name`). */
export type RouteLabel = (endpoint: string) => void;

/**
 * The metrics the Go server exposes on `/metrics` (internal/metrics/api.go), with its names and labels,
 * where they make sense for a Node process: HTTP requests, in-flight requests, memory, CPU and open
 * connections (no goroutines).
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'Total number of HTTP requests',
    labelNames: ['method', 'endpoint', 'status_code'],
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds',
    labelNames: ['method', 'endpoint'],
    buckets: [...API_REQUEST_DURATION_BUCKETS_SECONDS],
    registers: [this.registry],
  });
  private readonly inFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'Current number of HTTP requests being processed',
    registers: [this.registry],
  });
  private readonly connections = new Gauge({
    name: 'active_connections',
    help: 'Number of active connections',
    registers: [this.registry],
  });

  constructor() {
    const registers = [this.registry];
    new Gauge({
      name: 'memory_usage_bytes',
      help: 'Memory usage in bytes',
      labelNames: ['type'],
      registers,
      collect() {
        const memory = process.memoryUsage();
        // The Go server's types where Node has the same thing, plus the resident set.
        this.set({ type: 'heap_alloc' }, memory.heapUsed);
        this.set({ type: 'heap_sys' }, memory.heapTotal);
        this.set({ type: 'rss' }, memory.rss);
      },
    });
    let last = { at: performance.now(), cpu: process.cpuUsage() };
    new Gauge({
      name: 'cpu_usage_percent',
      help: 'CPU usage percentage',
      registers,
      collect() {
        // CPU time since the previous scrape over the wall time since then (one core = 100).
        const now = { at: performance.now(), cpu: process.cpuUsage() };
        const usedMicros = now.cpu.user + now.cpu.system - last.cpu.user - last.cpu.system;
        const wallMicros = Math.max(1, (now.at - last.at) * 1000);
        this.set((100 * usedMicros) / wallMicros);
        last = now;
      },
    });
  }

  /** Counts the server's open connections. */
  watch(server: Server): void {
    server.on('connection', (socket) => {
      this.connections.inc();
      socket.once('close', () => this.connections.dec());
    });
  }

  /** Starts measuring one request; it is recorded when the response ends, under the route named by then. */
  observe(req: IncomingMessage, res: ServerResponse): RouteLabel {
    const started = performance.now();
    let endpoint = 'unknown';
    this.inFlight.inc();
    res.once('close', () => {
      this.inFlight.dec();
      const method = req.method ?? 'GET';
      this.requests.inc({ method, endpoint, status_code: String(res.statusCode) });
      this.duration.observe({ method, endpoint }, (performance.now() - started) / 1000);
    });
    return (route) => (endpoint = route);
  }
}
