/** What each benchmarked consumer (the framework's DriverManager, a raw `nats` loop, NestJS) provides. */
import type { NatsConnection } from 'nats';
import type { DriverLogger } from '../../packages/core/src';

/** What a workload logs through: the framework's run logger, or a hand-written loop's. */
export type RunLog = Pick<DriverLogger, 'info'>;

/**
 * The reconcile body: gets the publish time embedded in the resource spec (`performance.now()` ms of
 * the feed, same process) and, in loops that log, the run's logger.
 */
export type Work = (sentAt: number, logger?: RunLog) => void | Promise<void>;

export interface LoopOptions {
  url: string;
  /** Driver name: consumer `durable_name`, and the `drivers.<driver>.resources.bench` subject. */
  driver: string;
  concurrency: number;
  work: Work;
  /** Called once per message after its ack (and its result's PubAck, for loops that publish one). */
  onSettled(): void;
}

export interface RunningLoop {
  stop(): Promise<void>;
}

export interface LoopKind {
  readonly name: string;
  /** False for a loop that only consumes and acks: no `driver.result` is stored for its events. */
  readonly publishesResults: boolean;
  /**
   * Creates the durable consumer the loop binds to and returns its name; without it the bench creates
   * the framework's pull consumer named `driver`. It must exist before events are pre-published
   * (the `messages` stream keeps an event only for the consumers interested at publish time).
   */
  provision?(admin: NatsConnection, driver: string): Promise<string>;
  start(options: LoopOptions): Promise<RunningLoop>;
}

/** The one resource type every benchmark driver reconciles. */
export const BENCH_RESOURCE = 'bench';

export interface BenchSpec {
  sentAt: number;
}
