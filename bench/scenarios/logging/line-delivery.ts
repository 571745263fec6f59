/**
 * Log lines delivered to NATS: the framework's log pipeline against the Go runtime's approach
 * reproduced with raw `nats` (a new JetStream context and one awaited publish per line, then the live
 * publish). Both are measured until the last line is stored by JetStream.
 */
import { createInbox, type NatsConnection } from 'nats';
import { createLogPipeline, encodeJson, Subjects, type NatsTransport } from '../../../packages/core/src';
import { WireClock } from '../../../packages/core/src/logging/wire-clock';
import { LogEntryWriter } from '../../../packages/core/src/protocol/log-entry-writer';

/** The server-facing sinks only: stdout would measure the terminal. */
export const NATS_SINKS_ONLY = { sinks: { stdout: false as const } };
const bindings = (runId: string) => ({
  driver: 'bench',
  runId,
  event: 'create',
  messageId: 'm',
  pipeline: 'p',
});
const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** Nanoseconds one `logger.info` call costs its caller (delivery happens later, off its stack). */
export async function logCallCostNs(transport: NatsTransport): Promise<number> {
  const pipeline = createLogPipeline(transport, { ...NATS_SINKS_ONLY, queue: { capacity: 200_000 } });
  const logger = pipeline.forRun(bindings('cost'));
  const rounds = 20;
  const perRound = 10_000;
  const warmUpRounds = 3;
  let total = 0;
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) logger.info('Step 3/7: compiling module', { step: i });
    if (r >= warmUpRounds) total += elapsedMs(start);
    await pipeline.flush();
  }
  await pipeline.close();
  return (total * 1e6) / ((rounds - warmUpRounds) * perRound);
}

/** Lines/s through the framework's pipeline: every line stored by JetStream and published live. */
export async function pipelineLinesPerSecond(transport: NatsTransport, lines: number): Promise<number> {
  const pipeline = createLogPipeline(transport, { ...NATS_SINKS_ONLY, queue: { capacity: lines } });
  const logger = pipeline.forRun(bindings('pipelined'));
  const start = process.hrtime.bigint();
  for (let i = 0; i < lines; i++) logger.info(`line ${i}`);
  await pipeline.flush();
  const elapsed = elapsedMs(start);
  const { jetstream, live } = pipeline.stats();
  if (jetstream.delivered !== lines || live.delivered !== lines) {
    throw new Error(`lost lines: ${JSON.stringify(pipeline.stats())}`);
  }
  await pipeline.close();
  return (lines * 1000) / elapsed;
}

/** The Go runtime's `Log`: a new JetStream context and one awaited publish per line, then the live publish. */
export async function upstreamLinesPerSecond(nc: NatsConnection, lines: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < lines; i++) {
    const data = encodeJson({
      runid: 'upstream',
      driver: 'bench',
      message: `line ${i}`,
      timestamp: String(Math.floor(Date.now() / 1000)),
    });
    await nc.jetstream().publish(Subjects.logs('upstream'), data);
    nc.publish(Subjects.liveLogs('upstream', 'bench'), data);
  }
  await nc.flush();
  return (lines * 1000) / elapsedMs(start);
}

/**
 * PubAck windows the ceiling tries each round, keeping the best: which one a hand-written client
 * should pick moves with the machine (one full run's 4,096-line ceiling came out below the pipeline,
 * whose JetStream sink has 4 x 512 lines in flight, in four of five rounds).
 */
export const CEILING_WINDOWS = [2048, 4096, 8192] as const;

/** What the pipeline writes for a line of `pipelineLinesPerSecond`: the same Log JSON, byte for byte in size. */
function likeForLikeLine(): Uint8Array {
  const writer = new LogEntryWriter({ runid: 'pipelined', driver: 'bench', pipeline: 'p' });
  const message = 'line 12345';
  const line = Buffer.alloc(writer.byteLength(message, undefined));
  writer.write(line, 0, new WireClock().nowMicros(), message, undefined);
  return line;
}

/**
 * The server's ceiling for what the pipeline does, with no framework code at all: every line a plain
 * publish of the pipeline's Log JSON to `logs.<run_id>` with one shared reply inbox (JetStream answers
 * each with a PubAck, counted by one subscription) plus its live publish, at most `window` unanswered.
 * A no-op reconcile that logs 100 lines at no cost would need more than this.
 */
export async function ceilingLinesPerSecond(
  nc: NatsConnection,
  lines: number,
  window: number,
): Promise<number> {
  const inbox = createInbox();
  const data = likeForLikeLine();
  let acked = 0;
  let wake: (() => void) | undefined;
  const subscription = nc.subscribe(inbox, {
    callback: () => {
      acked++;
      wake?.();
    },
  });
  const acksReach = (count: number) =>
    new Promise<void>((resolve) => {
      wake = () => acked >= count && resolve();
      wake();
    });
  const start = process.hrtime.bigint();
  for (let sent = 0; sent < lines; sent++) {
    if (sent - acked >= window) await acksReach(sent - window / 2);
    nc.publish(Subjects.logs('ceiling'), data, { reply: inbox });
    nc.publish(Subjects.liveLogs('ceiling', 'bench'), data);
  }
  await acksReach(lines);
  const elapsed = elapsedMs(start);
  subscription.unsubscribe();
  return (lines * 1000) / elapsed;
}
