import { ManagerHarness, eventually, uniqueName } from './support/manager-harness';

jest.setTimeout(60_000);

const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
};

describe('the monitoring endpoint of a driver process', () => {
  const h = new ManagerHarness();
  beforeAll(() => h.setUp());
  afterAll(() => h.tearDown());

  it('serves /metrics from real traffic, /healthz, and /readyz that follows the NATS connection', async () => {
    const name = uniqueName('mon');
    const resource = uniqueName('res');
    const { manager } = await h.start(
      [
        {
          name,
          resources: [resource],
          options: { retry: { initialDelayMs: 60_000 } },
          reconcile: ({ resource: r }) => {
            if (r.name === 'broken') throw new Error('cannot build');
            return { success: r.name === 'good', message: '', data: null };
          },
        },
      ],
      { monitoring: { port: 0, host: '127.0.0.1' } },
    );
    const url = manager.monitoringUrl!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const r of ['good', 'bad', 'broken'])
      await h.publisher.publish({ resource: { name: r, resource, pipeline: 'p' }, driver: name });

    let metrics = '';
    await eventually('three settlements in /metrics', async () => {
      metrics = (await get(`${url}/metrics`)).body;
      return metrics.includes(`conveyor_driver_messages_settled_total{driver="${name}",outcome="retried"} 1`);
    });
    expect(metrics).toContain(`conveyor_driver_messages_received_total{driver="${name}"} 3`);
    expect(metrics).toContain(`conveyor_driver_messages_settled_total{driver="${name}",outcome="success"} 1`);
    expect(metrics).toContain(`conveyor_driver_messages_settled_total{driver="${name}",outcome="failure"} 1`);
    expect(metrics).toContain(`conveyor_driver_reconcile_duration_seconds_count{driver="${name}"} 2`);
    expect(metrics).toContain(`conveyor_driver_messages_in_flight{driver="${name}"} 0`);
    expect(metrics).toContain('conveyor_driver_nats_connected 1');
    expect(await get(`${url}/healthz`)).toEqual({ status: 200, body: 'ok\n' });
    expect(await get(`${url}/readyz`)).toEqual({ status: 200, body: 'ready\n' });

    await h.env.server.halt('SIGKILL');
    await eventually(
      'readyz to report the lost connection',
      async () => (await get(`${url}/readyz`)).status === 503,
    );
    expect(await get(`${url}/readyz`)).toEqual({ status: 503, body: 'NATS connection is down\n' });
    expect((await get(`${url}/healthz`)).status).toBe(200);
    await h.env.server.restart();
    await eventually(
      'readyz after the reconnect',
      async () => (await get(`${url}/readyz`)).status === 200,
      20_000,
    );

    await manager.stop();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('fails to start with the reason when the port is taken', async () => {
    const first = await h.start([{ name: uniqueName('mon'), resources: ['r'], reconcile: () => undefined }], {
      monitoring: { port: 0, host: '127.0.0.1' },
    });
    const port = new URL(first.manager.monitoringUrl!).port;
    await expect(
      h.start([{ name: uniqueName('mon'), resources: ['r'], reconcile: () => undefined }], {
        monitoring: { port: Number(port), host: '127.0.0.1' },
      }),
    ).rejects.toThrow(`monitoring endpoint cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
  });
});
