/** IPC between the footprint scenario and its measured processes. */

export interface FootprintArgs {
  url: string;
  /** Driver names to register; none for the baseline (a Node process holding one nats.js connection). */
  drivers: string[];
}

export interface FootprintReport {
  /** From process start (`performance.timeOrigin`) to the manager started, ms. */
  readyMs: number;
  /** `manager.start()` alone (connect, provision every consumer, start pulling); the baseline's connect. ms. */
  startMs: number;
  rssBytes: number;
  heapUsedBytes: number;
}

/** Settling time before reading RSS, so start-up garbage and first heartbeats are behind. */
export const SETTLE_MS = 1000;
