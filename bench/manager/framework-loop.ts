import { DriverManager } from '../../packages/core/src';
import { BENCH_RESOURCE, type BenchSpec, type LoopKind } from './loop-under-test';

/** The framework: a DriverManager with one driver whose reconcile runs the workload. */
export const frameworkLoop: LoopKind = {
  name: 'framework',
  async start({ url, driver, concurrency, work, onSettled }) {
    const manager = new DriverManager({
      config: { natsUrl: url },
      handleSignals: false,
      // Problems still reach stdout; per-run logs are not used by a no-op reconcile.
      logging: { level: 'warn' },
    });
    manager.register({
      name: driver,
      resources: [BENCH_RESOURCE],
      options: { concurrency },
      reconcile: ({ resource }) => work((resource.spec as BenchSpec).sentAt),
    });
    manager.on('message.reconciled', onSettled);
    await manager.start();
    return { stop: () => manager.stop() };
  },
};
