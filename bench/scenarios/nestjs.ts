import { fmt, times } from '../harness/format';
import { measureLatency, measureThroughput } from '../harness/measure';
import { rotate } from '../harness/rotate';
import { median, pairedRatio } from '../harness/stats';
import { frameworkLoop } from '../loops/framework-loop';
import type { LoopKind } from '../loops/loop-under-test';
import { nestjsAckLoop, nestjsResultLoop } from '../loops/nestjs-loop';
import type { Scenario } from './scenario';

interface Contender {
  label: string;
  kind: LoopKind;
  concurrency: number;
}

const CONTENDERS: Contender[] = [
  { label: 'framework c=1 (default)', kind: frameworkLoop, concurrency: 1 },
  { label: 'framework c=64', kind: frameworkLoop, concurrency: 64 },
  { label: 'NestJS (consume, ack)', kind: nestjsAckLoop, concurrency: 1 },
  { label: 'NestJS + result publish', kind: nestjsResultLoop, concurrency: 1 },
];
const EVENTS = 10_000;
const LIGHT_RATE = 100;
const LATENCY_MS = 2000;

/** Scenario 2: the framework against a NestJS microservice on the JetStream transport a TypeScript user would pick. */
export const nestjsScenario: Scenario = {
  id: 'nestjs',
  title: 'Framework vs NestJS (@nestjs-plugins/nestjs-nats-jetstream-transport)',
  async run(ctx, plan, log) {
    const samples = Object.fromEntries(
      CONTENDERS.map((c) => [
        c.label,
        { throughput: [] as number[], p50: [] as number[], p99: [] as number[] },
      ]),
    );
    for (const c of CONTENDERS)
      await measureThroughput(ctx, c.kind, c.concurrency, Math.round(2000 * plan.scale));
    for (let round = 1; round <= plan.rounds; round++) {
      for (const c of rotate(CONTENDERS, round)) {
        const s = samples[c.label];
        s.throughput.push(
          await measureThroughput(ctx, c.kind, c.concurrency, Math.round(EVENTS * plan.scale)),
        );
        const latency = await measureLatency(
          ctx,
          c.kind,
          c.concurrency,
          LIGHT_RATE,
          Math.max(1000, LATENCY_MS * plan.scale),
        );
        s.p50.push(latency.p50Ms);
        s.p99.push(latency.p99Ms);
        log(
          `round ${round} ${c.label.padEnd(26)} ${fmt(s.throughput.at(-1)!).padStart(7)} events/s` +
            `  p50 ${fmt(latency.p50Ms, 2)} ms  p99 ${fmt(latency.p99Ms, 2)} ms at ${LIGHT_RATE}/s`,
        );
      }
    }
    const rate = (label: string) => median(samples[label].throughput);
    const ratio = (a: string, b: string) => pairedRatio(samples[a].throughput, samples[b].throughput);
    const [fwDefault, fw64, nestAck, nestResult] = CONTENDERS.map((c) => c.label);
    // Only the like-for-like peer (the protocol on NestJS) is judged; consume-and-ack publishes no
    // result, so it is no working Conveyor driver and is shown as information (issue 18).
    const versus = (peer: string) => [fwDefault, fw64].map((fw) => [fw, peer] as const);
    const [judged, shown] = [versus(nestResult), versus(nestAck)];
    const rows = CONTENDERS.map((c) => [
      c.label,
      fmt(rate(c.label)),
      `${fmt(median(samples[c.label].p50), 2)} / ${fmt(median(samples[c.label].p99), 2)}`,
    ]);
    for (const [fw, peer] of judged) rows.push([`**${fw} / ${peer}**`, `**${times(ratio(fw, peer))}**`, '']);
    for (const [fw, peer] of shown) rows.push([`${fw} / ${peer} (information)`, times(ratio(fw, peer)), '']);
    return {
      id: 'nestjs',
      title: this.title,
      workload:
        'Framework: a DriverManager whose reconcile does nothing; per message it decodes and validates the DriverMessage, ' +
        'publishes the `driver.result` with `Nats-Msg-Id` and awaits its PubAck, then acks (the protocol requires the result). ' +
        'NestJS (consume, ack): the transport JSON-decodes the message and calls an `@EventPattern` handler, which parses the ' +
        "string payload and acks (manual ack, the transport's durable push consumer with its default 1,024 unacked). " +
        'NestJS + result publish: the same handler also publishes the result and awaits its PubAck before acking, i.e. the ' +
        'Conveyor protocol on NestJS, the like-for-like peer the targets judge. The consume-and-ack rows are information: ' +
        'that handler publishes no result, so it is no working Conveyor driver. ' +
        'The transport runs one handler at a time; it has no concurrency setting.',
      table: { columns: ['Median', 'events/s', `p50 / p99 ms at ${LIGHT_RATE}/s`], rows },
      targets: judged.map(([fw, peer]) => ({
        target: `${fw} ahead of ${peer}`,
        measured: times(ratio(fw, peer)),
        met: ratio(fw, peer) > 1,
      })),
      charts: [
        {
          title: '2. Framework vs NestJS: throughput',
          unit: 'events/s',
          bars: CONTENDERS.map((c) => ({
            label: c.label,
            value: rate(c.label),
            peer: c.kind !== frameworkLoop,
          })),
        },
        {
          title: `2. Framework vs NestJS: p99 latency at ${LIGHT_RATE}/s, lower is better`,
          unit: 'ms',
          bars: CONTENDERS.map((c) => ({
            label: c.label,
            value: median(samples[c.label].p99),
            peer: c.kind !== frameworkLoop,
          })),
        },
      ],
      samples,
    };
  },
};
