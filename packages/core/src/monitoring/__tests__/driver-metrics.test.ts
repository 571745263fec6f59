import { Counter, Registry } from 'prom-client';
import { LifecycleEmitter } from '../../runtime/lifecycle-events';
import { DriverMetrics } from '../driver-metrics';

const received = (driver: string, messageId: string) => ({
  driver,
  messageId,
  runId: 'r',
  subject: 's',
  attempt: 1,
});

describe('DriverMetrics', () => {
  it('counts deliveries and settlements per driver, and holds the rest as in flight', async () => {
    const events = new LifecycleEmitter(() => undefined);
    const metrics = new DriverMetrics(events);
    for (const id of ['1', '2', '3', '4', '5']) events.emit('message.received', received('builder', id));
    events.emit('message.reconciled', {
      driver: 'builder',
      messageId: '1',
      runId: 'r',
      success: true,
      durationMs: 3,
    });
    events.emit('message.reconciled', {
      driver: 'builder',
      messageId: '2',
      runId: 'r',
      success: false,
      durationMs: 2000,
    });
    events.emit('message.retried', {
      driver: 'builder',
      messageId: '3',
      attempt: 1,
      delayMs: 1000,
      error: 'boom',
    });
    events.emit('message.terminated', { driver: 'builder', messageId: '4', reason: 'malformed' });
    events.emit('logs.dropped', { sink: 'loki', count: 7 });
    events.emit('logs.dropped', { sink: 'loki', count: 3 });
    const text = await metrics.render();
    expect(text).toContain('conveyor_driver_messages_received_total{driver="builder"} 5');
    for (const [outcome, n] of [
      ['success', 1],
      ['failure', 1],
      ['retried', 1],
      ['terminated', 1],
    ])
      expect(text).toContain(
        `conveyor_driver_messages_settled_total{driver="builder",outcome="${outcome}"} ${n}`,
      );
    expect(text).toContain('conveyor_driver_messages_in_flight{driver="builder"} 1');
    // 3 ms falls in the first bucket (5 ms); 2 s in the 2.5 s one (prom-client writes `le` first).
    expect(text).toContain(
      'conveyor_driver_reconcile_duration_seconds_bucket{le="0.005",driver="builder"} 1',
    );
    expect(text).toContain('conveyor_driver_reconcile_duration_seconds_bucket{le="1",driver="builder"} 1');
    expect(text).toContain('conveyor_driver_reconcile_duration_seconds_bucket{le="2.5",driver="builder"} 2');
    expect(text).toContain('conveyor_driver_reconcile_duration_seconds_count{driver="builder"} 2');
    expect(text).toContain('conveyor_driver_reconcile_duration_seconds_sum{driver="builder"} 2.003');
    expect(text).toContain('conveyor_driver_log_entries_dropped_total{sink="loki"} 10');
  });

  it('reports the NATS connection as up only between connected and a disconnect', async () => {
    const events = new LifecycleEmitter(() => undefined);
    const metrics = new DriverMetrics(events);
    expect(metrics.connected).toBe(false);
    events.emit('connection.status', { status: 'connected' });
    expect(metrics.connected).toBe(true);
    events.emit('connection.status', { status: 'disconnected' });
    expect(metrics.connected).toBe(false);
    expect(await metrics.render()).toContain('conveyor_driver_nats_connected 0');
    events.emit('connection.status', { status: 'reconnected' });
    expect(await metrics.render()).toContain('conveyor_driver_nats_connected 1');
  });

  it("joins the app's own registry, next to the app's metrics", async () => {
    const registry = new Registry();
    new Counter({ name: 'app_orders_total', help: 'Orders.', registers: [registry] }).inc(2);
    const events = new LifecycleEmitter(() => undefined);
    const metrics = new DriverMetrics(events, { registry });
    events.emit('message.received', received('builder', '1'));
    const text = await registry.metrics();
    expect(metrics.registry).toBe(registry);
    expect(text).toContain('app_orders_total 2');
    expect(text).toContain('conveyor_driver_messages_received_total{driver="builder"} 1');
  });

  it('adds the process metrics (event loop lag, heap, GC) only when asked', async () => {
    const without = await new DriverMetrics(new LifecycleEmitter(() => undefined)).render();
    expect(without).not.toContain('nodejs_eventloop_lag_seconds');
    const withProcess = new DriverMetrics(new LifecycleEmitter(() => undefined), { processMetrics: true });
    const text = await withProcess.render();
    for (const name of [
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
      'nodejs_gc_duration_seconds',
    ])
      expect(text).toContain(`# TYPE ${name}`);
  });
});
