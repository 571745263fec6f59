import type { DeliveredMessage } from '../../packages/core/src/nats/delivered-message';
import type { MessageOutcome, Settlement } from '../../packages/core/src/runtime/settlement';
import { traceMessage } from '../../packages/core/src/tracing/message-trace';
import { tracingActive } from '../../packages/core/src/tracing/tracing-active';
import { fmt, pct } from '../harness/format';
import { measureThroughput } from '../harness/measure';
import { rotate } from '../harness/rotate';
import { median, pairedRatio } from '../harness/stats';
import { frameworkLoop } from '../loops/framework-loop';
import { rawLoop } from '../loops/raw-loop';
import { tracedFrameworkLoop } from '../loops/traced-framework-loop';
import type { Scenario } from './scenario';

const KINDS = [frameworkLoop, tracedFrameworkLoop, rawLoop];
const CONCURRENCIES = [1, 64] as const;
const EVENTS: Record<number, number> = { 1: 4000, 64: 10000 };
const OFF_CALLS = 1_000_000;
/** Far below the run-to-run noise of the throughput figures (a few %): not measurable there. */
const OFF_TARGET_SHARE = 0.001;

/** Scenario 7: the cost of tracing, off (no SDK: the default) and on (an SDK registered). */
export const tracingScenario: Scenario = {
  id: 'tracing',
  title: 'Tracing: off (no SDK) vs on (OpenTelemetry SDK registered)',
  async run(ctx, plan, log) {
    const offNs = tracingOffCostNs();
    log(`tracing off, per message: ${fmt(offNs, 1)} ns`);
    const samples: Record<string, number[]> = {};
    const key = (name: string, c: number) => `${name} c=${c}`;
    for (const c of CONCURRENCIES)
      for (const kind of KINDS) {
        samples[key(kind.name, c)] = [];
        await measureThroughput(ctx, kind, c, Math.round(1000 * plan.scale)); // warm-up
      }
    for (let round = 1; round <= plan.rounds; round++)
      for (const c of CONCURRENCIES)
        for (const kind of rotate(KINDS, round)) {
          const rate = await measureThroughput(ctx, kind, c, Math.round(EVENTS[c] * plan.scale));
          samples[key(kind.name, c)].push(rate);
          log(`round ${round} ${key(kind.name, c).padEnd(22)} ${fmt(rate).padStart(7)} events/s`);
        }
    // The share of a message's time at the framework's fastest (c=64) that tracing off takes.
    const offShare = (offNs * median(samples[key('framework', 64)])) / 1e9;
    const rows = Object.entries(samples).map(([k, s]) => [k, fmt(median(s))]);
    for (const c of CONCURRENCIES) {
      const on = pairedRatio(samples[key('framework-traced', c)], samples[key('framework', c)]);
      rows.push([`**tracing on / off**, c=${c}`, `**${pct(on)}**`]);
      const off = pairedRatio(samples[key('framework', c)], samples[key('raw', c)]);
      rows.push([`framework (tracing off) / raw, c=${c}`, pct(off)]);
    }
    rows.unshift([
      'tracing off: cost per message (`traceMessage` with no SDK), share of a message at c=64',
      `${fmt(offNs, 1)} ns (${pct(offShare, 3)})`,
    ]);
    return {
      id: 'tracing',
      title: tracingScenario.title,
      workload:
        "The protocol scenario's no-op reconcile. `framework`: no OpenTelemetry SDK registered, the default. " +
        '`framework-traced`: `NodeTracerProvider` with a `BatchSpanProcessor` exporting nowhere, so each message ' +
        'makes a reconcile span with `publish result` and `ack` children and W3C headers on its result.',
      table: { columns: ['Median', 'events/s'], rows },
      targets: [
        {
          target: `tracing off costs under ${pct(OFF_TARGET_SHARE, 1)} of a message's time (framework, c=64)`,
          measured: `${fmt(offNs, 1)} ns per message, ${pct(offShare, 3)}`,
          met: offShare < OFF_TARGET_SHARE,
        },
      ],
      charts: [
        {
          title: '7. Tracing: throughput off and on',
          unit: 'events/s',
          bars: Object.keys(samples).map((k) => ({
            label: k,
            value: median(samples[k]),
            peer: k.startsWith('raw'),
          })),
        },
      ],
      samples: { offNs, perLoop: samples },
    };
  },
};

/** What a message pays for tracing while no SDK is registered: the check and every call of the no-op trace. */
function tracingOffCostNs(): number {
  if (tracingActive()) throw new Error('the tracing scenario needs no SDK registered at its start');
  offLoop(); // warm-up: the figure is the JIT-compiled hot path's
  return offLoop();
}

function offLoop(): number {
  const message = {
    subject: 's',
    data: new Uint8Array(),
    deliveryCount: 1,
    streamSequence: 1,
    receivedAt: 0,
  } as DeliveredMessage;
  const decoded = {
    event: 'create',
    id: 'i',
    runId: 'r',
    resource: { name: 'n', resource: 'bench', spec: null },
  };
  const stored = Promise.resolve();
  const store = () => stored;
  const result = { success: true, message: '', data: null };
  const outcome: MessageOutcome = { kind: 'reconciled', result };
  const done: Settlement = { action: 'ack', result };
  let sink = 0;
  const began = process.hrtime.bigint();
  // Every call handle-message and settlement make on a trace, in their order.
  for (let i = 0; i < OFF_CALLS; i++) {
    const t = traceMessage(message, 'd', decoded);
    sink += t.within(() => 1);
    void t.publish(store);
    t.settling(message);
    t.end(outcome, done);
  }
  const ns = Number(process.hrtime.bigint() - began) / OFF_CALLS;
  return sink === OFF_CALLS ? ns : Number.NaN;
}
