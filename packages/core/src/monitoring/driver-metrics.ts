import { RECONCILE_DURATION_BUCKETS_SECONDS } from '../constants';
import type { ConnectionState } from '../nats/connection-status';
import type { DriverManagerEvents } from '../runtime/lifecycle-events';
import { PrometheusText, type Labels } from './prometheus-text';

/** What the metrics listen to: the manager's lifecycle events. */
export interface LifecycleSource {
  on<E extends keyof DriverManagerEvents>(event: E, listener: DriverManagerEvents[E]): unknown;
}

type Outcome = 'success' | 'failure' | 'retried' | 'terminated';

interface DriverSeries {
  received: number;
  settled: Record<Outcome, number>;
  problems: number;
  durations: { counts: number[]; sum: number };
}

const DOWN: ReadonlySet<ConnectionState> = new Set(['disconnected', 'reconnecting', 'error', 'closed']);

/**
 * Counters, gauges and the reconcile duration histogram of one driver process, fed by the manager's
 * lifecycle events, rendered in Prometheus' text format. Every settlement path emits exactly one of
 * reconciled / retried / terminated, so in flight = received - settled.
 */
export class DriverMetrics {
  private readonly drivers = new Map<string, DriverSeries>();
  private readonly droppedBySink = new Map<string, number>();
  private connection: ConnectionState | undefined;

  constructor(source: LifecycleSource) {
    source.on('message.received', (e) => void (this.series(e.driver).received += 1));
    source.on('message.reconciled', (e) => {
      const series = this.series(e.driver);
      series.settled[e.success ? 'success' : 'failure'] += 1;
      const seconds = e.durationMs / 1000;
      const bucket = RECONCILE_DURATION_BUCKETS_SECONDS.findIndex((bound) => seconds <= bound);
      series.durations.counts[bucket === -1 ? RECONCILE_DURATION_BUCKETS_SECONDS.length : bucket] += 1;
      series.durations.sum += seconds;
    });
    source.on('message.retried', (e) => void (this.series(e.driver).settled.retried += 1));
    source.on('message.terminated', (e) => void (this.series(e.driver).settled.terminated += 1));
    source.on('problem', (e) => {
      if (e.driver) this.series(e.driver).problems += 1;
    });
    source.on('logs.dropped', (e) =>
      this.droppedBySink.set(e.sink, (this.droppedBySink.get(e.sink) ?? 0) + e.count),
    );
    source.on('connection.status', (e) => (this.connection = e.status));
  }

  /** Connected to NATS (false before the first connection and while it is down). */
  get connected(): boolean {
    return this.connection !== undefined && !DOWN.has(this.connection);
  }

  render(): string {
    const all = [...this.drivers];
    const per = <T>(value: (s: DriverSeries) => T): Array<[Labels, T]> =>
      all.map(([driver, series]) => [{ driver }, value(series)]);
    const settled = (s: DriverSeries) => Object.values(s.settled).reduce((a, b) => a + b, 0);
    return new PrometheusText()
      .counter(
        'conveyor_driver_messages_received_total',
        'Messages delivered to the driver, redeliveries included.',
        per((s) => s.received),
      )
      .counter(
        'conveyor_driver_messages_settled_total',
        'Messages settled: success and failure results (acked), retried (nak), terminated (term).',
        all.flatMap(([driver, s]) =>
          Object.entries(s.settled).map(([outcome, n]): [Labels, number] => [{ driver, outcome }, n]),
        ),
      )
      .gauge(
        'conveyor_driver_messages_in_flight',
        'Messages held: waiting for a slot, reconciling or settling.',
        per((s) => s.received - settled(s)),
      )
      .histogram(
        'conveyor_driver_reconcile_duration_seconds',
        'From arrival to the ack of a message with a result, gate wait included.',
        RECONCILE_DURATION_BUCKETS_SECONDS,
        per((s) => s.durations),
      )
      .counter(
        'conveyor_driver_problems_total',
        'Recovered problems (consume loop re-created, listener threw).',
        per((s) => s.problems),
      )
      .counter(
        'conveyor_driver_log_entries_dropped_total',
        'Log entries a sink dropped or failed to deliver.',
        [...this.droppedBySink].map(([sink, n]): [Labels, number] => [{ sink }, n]),
      )
      .gauge('conveyor_driver_nats_connected', '1 while the NATS connection is up.', [
        [{}, this.connected ? 1 : 0],
      ])
      .toString();
  }

  private series(driver: string): DriverSeries {
    let series = this.drivers.get(driver);
    if (!series) {
      series = {
        received: 0,
        settled: { success: 0, failure: 0, retried: 0, terminated: 0 },
        problems: 0,
        durations: {
          counts: new Array<number>(RECONCILE_DURATION_BUCKETS_SECONDS.length + 1).fill(0),
          sum: 0,
        },
      };
      this.drivers.set(driver, series);
    }
    return series;
  }
}
