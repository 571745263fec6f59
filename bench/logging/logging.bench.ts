/**
 * Logging benchmark (issue 5): the cost of one log call, lines/s delivered to NATS against the Go
 * runtime's approach (one awaited JetStream publish per line, then the live publish), and a
 * reconcile-like loop that logs 100 lines against one that logs none. Run: `npm run bench:logging`.
 */
import { connect, type NatsConnection } from 'nats';
import {
  buildResultEvent,
  createLogPipeline,
  decodeDriverMessage,
  encodeDriverMessage,
  encodeJson,
  NatsTransport,
  Subjects,
  type LogPipeline,
} from '../../packages/core/src';
import { startTestEnvironment } from '../../packages/core/src/testing';

const NATS_ONLY = { sinks: { stdout: false as const } };
const bindings = (runId: string) => ({
  driver: 'bench',
  runId,
  event: 'create',
  messageId: 'm',
  pipeline: 'p',
});
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function logCallCost(transport: NatsTransport): Promise<number> {
  const pipeline = createLogPipeline(transport, { ...NATS_ONLY, queue: { capacity: 200_000 } });
  const logger = pipeline.forRun(bindings('cost'));
  let total = 0;
  const rounds = 20;
  const perRound = 10_000;
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) logger.info('Step 3/7: compiling module', { step: i });
    if (r > 2) total += ms(start); // the first rounds warm the JIT up
    await pipeline.flush();
  }
  await pipeline.close();
  return (total * 1e6) / ((rounds - 3) * perRound); // ns per call
}

async function pipelineLinesPerSecond(transport: NatsTransport, lines: number): Promise<number> {
  const pipeline: LogPipeline = createLogPipeline(transport, { ...NATS_ONLY, queue: { capacity: lines } });
  const logger = pipeline.forRun(bindings('pipelined'));
  const start = process.hrtime.bigint();
  for (let i = 0; i < lines; i++) logger.info(`line ${i}`);
  await pipeline.flush(); // every line stored by JetStream and published live
  const elapsed = ms(start);
  const { jetstream, live } = pipeline.stats();
  if (jetstream.delivered !== lines || live.delivered !== lines)
    throw new Error(`lost lines: ${JSON.stringify(pipeline.stats())}`);
  await pipeline.close();
  return (lines * 1000) / elapsed;
}

/** The Go runtime's `Log`: a new JetStream context and one awaited publish per line, then the live publish. */
async function upstreamLinesPerSecond(nc: NatsConnection, lines: number): Promise<number> {
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
  return (lines * 1000) / ms(start);
}

/** Reconciles/s of a loop doing what the manager does per message: decode, reconcile, await the result's PubAck. */
async function reconcileLoop(
  transport: NatsTransport,
  pipeline: LogPipeline,
  iterations: number,
  linesPerReconcile: number,
  ioMs = 0,
): Promise<number> {
  const message = encodeDriverMessage({
    event: 'create',
    id: 'msg',
    runId: 'run',
    resource: {
      id: 'r',
      name: 'build-app',
      resource: 'repo',
      pipeline: 'p',
      spec: { url: 'https://example.org/repo.git' },
    },
  });
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const decoded = decodeDriverMessage(message);
    const logger = pipeline.forRun({
      driver: 'bench',
      runId: `run-${i}`,
      event: decoded.event,
      messageId: decoded.id,
      pipeline: 'p',
    });
    for (let l = 0; l < linesPerReconcile; l++) logger.info(`Step ${l}: cloning ${decoded.resource.name}`);
    if (ioMs > 0) await new Promise((resolve) => setTimeout(resolve, ioMs)); // the reconcile's own I/O
    const result = buildResultEvent(
      decoded.runId,
      decoded.resource,
      { success: true, message: 'ok' },
      'bench',
    );
    await transport.publishDurable(Subjects.driverResult, encodeJson(result), {
      msgId: `bench-${linesPerReconcile}-${i}`,
    });
  }
  return (iterations * 1000) / ms(start);
}

async function main(): Promise<void> {
  const env = await startTestEnvironment();
  const nc = await connect({ servers: env.url });
  const transport = new NatsTransport(nc);
  const raw = await connect({ servers: env.url });
  try {
    const costNs = await logCallCost(transport);
    console.log(`log call (JetStream + live sinks on, labels): ${costNs.toFixed(0)} ns/call`);

    await upstreamLinesPerSecond(raw, 500); // warm-up
    await pipelineLinesPerSecond(transport, 5_000);
    const upstream = await upstreamLinesPerSecond(raw, 5_000);
    const ours = await pipelineLinesPerSecond(transport, 50_000);
    console.log(`upstream approach (awaited publish per line): ${fmt(upstream)} lines/s`);
    console.log(
      `conveyor-ts pipeline (queued, pipelined):     ${fmt(ours)} lines/s  (${(ours / upstream).toFixed(1)}x)`,
    );

    const pipeline = createLogPipeline(transport, { ...NATS_ONLY, queue: { capacity: 500_000 } });
    await reconcileLoop(transport, pipeline, 200, 100); // warm-up
    await pipeline.flush();
    for (const [label, iterations, ioMs] of [
      ['decode + awaited result publish only', 2_000, 0],
      ['plus 2 ms of I/O (a short git/HTTP call)', 500, 2],
    ] as const) {
      const none = await reconcileLoop(transport, pipeline, iterations, 0, ioMs);
      const logged = await reconcileLoop(transport, pipeline, iterations, 100, ioMs);
      const drainStart = process.hrtime.bigint();
      await pipeline.flush();
      const loss = ((none - logged) / none) * 100;
      console.log(`reconcile loop (${label}):`);
      console.log(`  no logging ${fmt(none)}/s, 100 lines ${fmt(logged)}/s: ${loss.toFixed(1)}% loss`);
      console.log(`  backlog drained ${ms(drainStart).toFixed(0)} ms after the loop`);
    }
    const { jetstream, live } = pipeline.stats();
    console.log(`  sinks: jetstream ${JSON.stringify(jetstream)}, live ${JSON.stringify(live)}`);
    await pipeline.close();
  } finally {
    await raw.close();
    await nc.close();
    await env.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
