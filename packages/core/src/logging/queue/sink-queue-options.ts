/** How one sink queue batches and bounds its entries. */
export interface SinkQueueOptions {
  /** Entries held (queued + in flight) before new ones are dropped. */
  capacity?: number;
  /** Entries per delivery. */
  batchSize?: number;
  /** Wait this long for more entries before delivering a batch that is not full (Loki batching). */
  lingerMs?: number;
}
