/**
 * The control plane's defaults, each with the reason it was chosen.
 */

/** The Go server's API port (protocol §1), so drivers and tools need no change to use the control plane. */
export const CONTROL_PLANE_DEFAULT_PORT = 8080;

/** The Go server's NATS port (protocol §1), used when `conveyor dev` starts its own nats-server. */
export const CONTROL_PLANE_DEFAULT_NATS_PORT = 4222;

/** Fiber's default body limit (protocol §5). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The SSE heartbeat period of the Go server (protocol §5). */
export const SSE_HEARTBEAT_MS = 15_000;

/** An engine transition takes milliseconds; 30 s (the JetStream default) covers a slow store. */
export const CONTROL_PLANE_ACK_WAIT_MS = 30_000;

/** A transition failing this often is broken, not unlucky: give it up (and say so) rather than loop. */
export const CONTROL_PLANE_MAX_DELIVERIES = 10;

/** First retry delay of a failed transition, growing linearly with each delivery. */
export const CONTROL_PLANE_RETRY_DELAY_MS = 500;

/** Optimistic updates of a run record retry this often before reporting the conflict. */
export const RUN_UPDATE_ATTEMPTS = 20;

/** Reading a run's stored logs back from the local nats-server takes milliseconds; 5 s means it is stuck. */
export const LOG_READ_TIMEOUT_MS = 5_000;

/**
 * A step handed to a driver that has no consumer is lost (the `messages` stream keeps a message only
 * for the consumers it has, protocol §2.1). After this long without one the step is marked `stalled`:
 * long enough for a driver that is just starting, short enough that a typo shows within a minute.
 */
export const CONTROL_PLANE_STALL_AFTER_MS = 30_000;
