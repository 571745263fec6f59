/**
 * One driver process of the scaling scenario: a DriverManager whose reconcile hashes for a calibrated time.
 * Loads, reports `loaded`, starts consuming on `start`, reports progress, stops and exits on `stop`.
 */
import { DriverManager } from '../../../packages/core/src';
import { BENCH_RESOURCE } from '../../loops/loop-under-test';
import { hashWork } from './cpu-work';
import {
  PROGRESS_INTERVAL_MS,
  type ParentMessage,
  type WorkerArgs,
  type WorkerMessage,
} from './scaling-messages';

const args = JSON.parse(process.argv[2]) as WorkerArgs;
const send = (message: WorkerMessage) => process.send!(message);

const manager = new DriverManager({
  config: { natsUrl: args.url },
  handleSignals: false,
  logging: { level: 'warn' },
});
let first = true;
manager.register({
  name: args.driver,
  resources: [BENCH_RESOURCE],
  options: { concurrency: args.concurrency },
  reconcile: () => {
    if (first) {
      first = false;
      send({ type: 'first-reconcile' });
    }
    hashWork(args.hashIterations);
  },
});
let settled = 0;
let cpuAtStart: NodeJS.CpuUsage | undefined;
let loopAtStart: ReturnType<typeof performance.eventLoopUtilization> | undefined;
manager.on('message.reconciled', () => (settled += 1));
const progress = setInterval(() => {
  if (settled === 0) return;
  send({ type: 'settled', count: settled });
  settled = 0;
}, PROGRESS_INTERVAL_MS);

process.on('message', (message: ParentMessage) => {
  if (message.type === 'start') {
    cpuAtStart = process.cpuUsage();
    loopAtStart = performance.eventLoopUtilization();
    manager.start().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  } else {
    clearInterval(progress);
    const cpu = process.cpuUsage(cpuAtStart);
    const loop = performance.eventLoopUtilization(loopAtStart);
    send({ type: 'usage', cpuMs: (cpu.user + cpu.system) / 1000, eventLoopBusy: loop.utilization });
    void manager.stop().then(() => {
      // The last settlements were counted by the parent already, or happened after it had all it needed.
      process.disconnect();
    });
  }
});
send({ type: 'loaded' });
