/** What each benchmarked consumer (the framework's DriverManager or the raw `nats` loop) provides. */

/** The reconcile body: gets the publish time embedded in the resource spec (`performance.now()` ms). */
export type Work = (sentAt: number) => void | Promise<void>;

export interface LoopOptions {
  url: string;
  /** Driver name: consumer `durable_name`, and the `drivers.<driver>.resources.bench` subject. */
  driver: string;
  concurrency: number;
  work: Work;
  /** Called once per message after its result's PubAck and its ack. */
  onSettled(): void;
}

export interface RunningLoop {
  stop(): Promise<void>;
}

export interface LoopKind {
  readonly name: string;
  start(options: LoopOptions): Promise<RunningLoop>;
}

/** The one resource type every benchmark driver reconciles. */
export const BENCH_RESOURCE = 'bench';

export interface BenchSpec {
  sentAt: number;
}
