import { startFixture, type Fixture } from './support/control-plane-fixture';

jest.setTimeout(60_000);

/** `/metrics` of the control plane: the Go server's metric names and labels (internal/metrics/api.go). */
describe('control plane /metrics', () => {
  let fx: Fixture;
  beforeAll(async () => (fx = await startFixture()));
  afterAll(() => fx.stop());

  it('counts requests by method, route pattern and status, with durations, in-flight and memory', async () => {
    await fetch(`${fx.plane.apiUrl}/health`);
    await fetch(`${fx.plane.apiUrl}/pipelines/nope`);
    await fetch(`${fx.plane.apiUrl}/no/such/route`);
    const response = await fetch(`${fx.plane.apiUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('http_requests_total{method="GET",endpoint="/health",status_code="200"} 1');
    expect(text).toMatch(
      /http_requests_total\{method="GET",endpoint="\/pipelines\/:name",status_code="\d{3}"\} 1/,
    );
    expect(text).toContain('http_requests_total{method="GET",endpoint="unknown",status_code="404"} 1');
    expect(text).toContain('http_request_duration_seconds_count{method="GET",endpoint="/health"} 1');
    expect(text).toContain('http_request_duration_seconds_bucket{le="10",method="GET",endpoint="/health"} 1');
    // The scrape itself is being processed while it is rendered.
    expect(text).toContain('http_requests_in_flight 1');
    expect(text).toMatch(/memory_usage_bytes\{type="heap_alloc"\} [1-9]\d*/);
    expect(text).toMatch(/active_connections [1-9]/);
    expect(text).toContain('# TYPE cpu_usage_percent gauge');
  });
});
