/** IPC between the scaling scenario and its driver processes. */

export interface WorkerArgs {
  url: string;
  driver: string;
  concurrency: number;
  hashIterations: number;
}

export type WorkerMessage =
  | { type: 'loaded' }
  | { type: 'first-reconcile' }
  | { type: 'settled'; count: number }
  /**
   * On stop, since `start`: CPU time (user + system, ms) the process used, and the share of time its
   * event loop was busy (0..1; below 1 means it waited, e.g. for messages).
   */
  | { type: 'usage'; cpuMs: number; eventLoopBusy: number };

export type ParentMessage = { type: 'start' } | { type: 'stop' };

/** How often a worker reports its settled count (batched: one IPC message per message would cost CPU). */
export const PROGRESS_INTERVAL_MS = 10;
