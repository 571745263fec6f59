/**
 * Where a sink queue hands its entries. `deliver` gets each batch in order and resolves with how many
 * entries of it failed; it must give up on its own (timeouts), never hang.
 */
export interface LogSink<T> {
  readonly name: string;
  /**
   * Batches this sink may have in delivery at once (default 1). Only for sinks whose `deliver` sends
   * the whole batch before its first `await`, so that batches still leave in order.
   */
  readonly maxBatchesInFlight?: number;
  deliver(batch: readonly T[]): Promise<number>;
  /** Releases what the sink holds, after the last batch. */
  close?(): Promise<void>;
}
