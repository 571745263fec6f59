import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { RECONCILE_DURATION_BUCKETS_SECONDS } from '../constants';
import type { ConnectionState } from '../nats/connection-status';
import type { DriverManagerEvents } from '../events/driver-manager-events';

/** What the metrics listen to: the manager's lifecycle events. */
export interface LifecycleSource {
  on<E extends keyof DriverManagerEvents>(event: E, listener: DriverManagerEvents[E]): unknown;
}

export interface DriverMetricsOptions {
  /** Register into this prom-client registry, so the framework's metrics join the app's (default: a new one). */
  registry?: Registry;
  /** Also collect prom-client's default process metrics (event loop lag, GC, heap, CPU). Off by default. */
  processMetrics?: boolean;
}

const OUTCOMES = ['success', 'failure', 'retried', 'terminated'] as const;

/** One driver's message counts since start. */
interface DriverTally {
  received: number;
  settledTotal: number;
  settled: Record<(typeof OUTCOMES)[number], number>;
}
const DOWN: ReadonlySet<ConnectionState> = new Set(['disconnected', 'reconnecting', 'error', 'closed']);

/**
 * Counters, gauges and the reconcile duration histogram of one driver process, fed by the manager's
 * lifecycle events, kept in a prom-client registry. Every settlement path emits exactly one of
 * reconciled / retried / terminated, so in flight = received - settled.
 */
export class DriverMetrics {
  readonly registry: Registry;
  private readonly tallies = new Map<string, DriverTally>();
  private connection: ConnectionState | undefined;

  constructor(source: LifecycleSource, options: DriverMetricsOptions = {}) {
    this.registry = options.registry ?? new Registry();
    const registers = [this.registry];
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
    // Messages are counted in plain numbers on the hot path and handed to prom-client when scraped:
    // a labelled inc() hashes its labels on every call.
    const tallies = this.tallies;
    new Counter({
      name: 'conveyor_driver_messages_received_total',
      help: 'Messages delivered to the driver, redeliveries included.',
      labelNames: ['driver'],
      registers,
      collect() {
        this.reset();
        for (const [driver, t] of tallies) this.inc({ driver }, t.received);
      },
    });
    new Counter({
      name: 'conveyor_driver_messages_settled_total',
      help: 'Messages settled: success and failure results (acked), retried (nak), terminated (term).',
      labelNames: ['driver', 'outcome'],
      registers,
      collect() {
        this.reset();
        for (const [driver, t] of tallies)
          for (const outcome of OUTCOMES) this.inc({ driver, outcome }, t.settled[outcome]);
      },
    });
    new Gauge({
      name: 'conveyor_driver_messages_in_flight',
      help: 'Messages held: waiting for a slot, reconciling or settling.',
      labelNames: ['driver'],
      registers,
      collect() {
        this.reset();
        for (const [driver, t] of tallies) this.set({ driver }, t.received - t.settledTotal);
      },
    });
    const duration = new Histogram({
      name: 'conveyor_driver_reconcile_duration_seconds',
      help: 'From arrival to the ack of a message with a result, gate wait included.',
      labelNames: ['driver'],
      buckets: [...RECONCILE_DURATION_BUCKETS_SECONDS],
      registers,
    });
    const problems = new Counter({
      name: 'conveyor_driver_problems_total',
      help: 'Recovered problems (consume loop re-created, listener threw).',
      labelNames: ['driver'],
      registers,
    });
    const dropped = new Counter({
      name: 'conveyor_driver_log_entries_dropped_total',
      help: 'Log entries a sink dropped or failed to deliver.',
      labelNames: ['sink'],
      registers,
    });
    const isConnected = () => this.connected;
    new Gauge({
      name: 'conveyor_driver_nats_connected',
      help: '1 while the NATS connection is up.',
      registers,
      collect() {
        this.set(isConnected() ? 1 : 0);
      },
    });
    // A driver's series all appear (at 0) with its first message, so rate() works from the start.
    const tally = (driver: string): DriverTally => {
      let t = tallies.get(driver);
      if (!t) {
        t = { received: 0, settledTotal: 0, settled: { success: 0, failure: 0, retried: 0, terminated: 0 } };
        tallies.set(driver, t);
        problems.inc({ driver }, 0);
        duration.zero({ driver });
      }
      return t;
    };
    const settle = (driver: string, outcome: (typeof OUTCOMES)[number]) => {
      const t = tally(driver);
      t.settled[outcome]++;
      t.settledTotal++;
    };
    source.on('message.received', (e) => void tally(e.driver).received++);
    source.on('message.reconciled', (e) => {
      settle(e.driver, e.success ? 'success' : 'failure');
      duration.observe({ driver: e.driver }, e.durationMs / 1000);
    });
    source.on('message.retried', (e) => settle(e.driver, 'retried'));
    source.on('message.terminated', (e) => settle(e.driver, 'terminated'));
    source.on('problem', (e) => {
      if (!e.driver) return;
      tally(e.driver);
      problems.inc({ driver: e.driver });
    });
    source.on('logs.dropped', (e) => dropped.inc({ sink: e.sink }, e.count));
    source.on('connection.status', (e) => (this.connection = e.status));
  }

  /** Connected to NATS (false before the first connection and while it is down). */
  get connected(): boolean {
    return this.connection !== undefined && !DOWN.has(this.connection);
  }

  /** The registry's text exposition (with whatever else the app registered in it). */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** The Content-Type of `render()`'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }
}
