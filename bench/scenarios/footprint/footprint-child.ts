/**
 * One footprint measurement: a process that starts a DriverManager with the given drivers (or, for
 * the baseline, only opens a nats.js connection), waits a moment, reports its resident memory and
 * how long it took to be ready, then stops when the parent disconnects.
 */
import { connect } from 'nats';
import { BENCH_RESOURCE } from '../../loops/loop-under-test';
import { SETTLE_MS, type FootprintArgs, type FootprintReport } from './footprint-messages';

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as FootprintArgs;
  let stop: () => Promise<void>;
  let startMs: number;
  if (args.drivers.length === 0) {
    const connectAt = performance.now();
    const nc = await connect({ servers: args.url, name: 'bench-footprint-baseline' });
    startMs = performance.now() - connectAt;
    stop = () => nc.close();
  } else {
    // Loaded here, not at the top: the baseline must not carry the framework's modules.
    const { DriverManager } = await import('../../../packages/core/src');
    const manager = new DriverManager({
      config: { natsUrl: args.url },
      handleSignals: false,
      logging: { level: 'warn' },
    });
    for (const name of args.drivers)
      manager.register({ name, resources: [BENCH_RESOURCE], reconcile: () => undefined });
    const startAt = performance.now();
    await manager.start();
    startMs = performance.now() - startAt;
    stop = () => manager.stop();
  }
  const readyMs = performance.now();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const memory = process.memoryUsage();
  const report: FootprintReport = { readyMs, startMs, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed };
  process.once('disconnect', () => void stop());
  process.send!(report);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
