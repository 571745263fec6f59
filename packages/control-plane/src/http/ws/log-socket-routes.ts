import type { LogFrameFormat } from '@conveyor-ts/core';

/** A log route that answers a WebSocket upgrade, with the frame format its clients expect unasked. */
export interface LogSocketRoute {
  path: string;
  defaultFormat: LogFrameFormat;
}

/**
 * The SSE routes of v0.5.0+ (Log JSON by default) and the pre-v0.2 path, which only ever sent
 * `[ts,msg]` frames, so a tool written for it works unchanged.
 */
export const LOG_SOCKET_ROUTES: readonly LogSocketRoute[] = [
  { path: '/logs/streams/:drivername/:runid', defaultFormat: 'log' },
  { path: '/logs/pipeline/:runid', defaultFormat: 'log' },
  { path: '/drivers/streams/logs/:drivername/:runid', defaultFormat: 'legacy' },
];
