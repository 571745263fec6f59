import { DriverManager, type LogPipelineOptions } from '../../packages/core/src';
import { BENCH_RESOURCE, type BenchSpec, type LoopKind } from './loop-under-test';

/** The framework: a DriverManager with one driver whose reconcile runs the workload. */
export function frameworkLoopWith(name: string, logging: LogPipelineOptions): LoopKind {
  return {
    name,
    publishesResults: true,
    async start({ url, driver, concurrency, work, onSettled }) {
      const manager = new DriverManager({ config: { natsUrl: url }, handleSignals: false, logging });
      manager.register({
        name: driver,
        resources: [BENCH_RESOURCE],
        options: { concurrency },
        reconcile: ({ resource, logger }) => work((resource.spec as BenchSpec).sentAt, logger),
      });
      manager.on('message.reconciled', onSettled);
      await manager.start();
      return { stop: () => manager.stop() };
    },
  };
}

/** Every option default except logs: problems still reach stdout, a no-op reconcile writes no run logs. */
export const frameworkLoop = frameworkLoopWith('framework', { level: 'warn' });

/** Run logs on, as in production (JetStream `logs.<run_id>` and live sinks), without the terminal. */
export const frameworkLoggingLoop = frameworkLoopWith('framework-logging', { sinks: { stdout: false } });
