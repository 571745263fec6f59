/**
 * Where a sink queue hands its entries. `deliver` gets each batch in order, one batch at a time, and
 * resolves with how many entries of it failed; it must give up on its own (timeouts), never hang.
 */
export interface LogSink<T> {
  readonly name: string;
  deliver(batch: readonly T[]): Promise<number>;
  /** Releases what the sink holds, after the last batch. */
  close?(): Promise<void>;
}
