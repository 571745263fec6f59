/**
 * The control plane's defaults, each with the reason it was chosen.
 */

/** The Go server's API port (protocol §1), so drivers and tools need no change to use the control plane. */
export const CONTROL_PLANE_DEFAULT_PORT = 8080;

/** The Go server's NATS port (protocol §1), used when `conveyor dev` starts its own nats-server. */
export const CONTROL_PLANE_DEFAULT_NATS_PORT = 4222;

/** Default NATS `max_payload` (1 MB, protocol §5), for a server whose INFO does not say: larger payloads cannot be published. */
export const NATS_MAX_PAYLOAD_BYTES = 1024 * 1024;

/** Fiber's default body limit (protocol §5). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Deepest JSON nesting a body may have (400 beyond). Go's decoder stops at 10 000, but validation,
 * encoding and the drivers' decoders recurse and overflow Node's stack near 5 000: 1 000 leaves them a
 * wide margin and is far beyond any real spec.
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * Room kept under NATS `max_payload` for what a stored body gains (id, version, KV headers), so any
 * body the API accepts can also be written.
 */
export const STORED_BODY_ALLOWANCE_BYTES = 4096;

/** Compiled definition schemas kept (each a few KB to a few hundred): far more types than a CI uses, bounded. */
export const SCHEMA_CACHE_ENTRIES = 256;

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

/** The Go server's HTTP duration buckets (prometheus.DefBuckets), so dashboards for it fit ours. */
export const API_REQUEST_DURATION_BUCKETS_SECONDS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;
/** The Go server's per-client buffer of live log entries (protocol §5); beyond it a slow client's entries are dropped. */
export const LOG_STREAM_BUFFER_ENTRIES = 256;

/**
 * Unsent bytes on a log WebSocket above which the stream waits for the client, so a slow reader
 * fills the bounded entry buffer (and drops) instead of the process's memory.
 */
export const LOG_SOCKET_MAX_BUFFERED_BYTES = 256 * 1024;

/** Ping period of the log WebSockets, the SSE heartbeat's; a client silent for a whole period is cut. */
export const LOG_SOCKET_PING_MS = SSE_HEARTBEAT_MS;

/** Clients send nothing on a log WebSocket; a frame larger than this is refused rather than buffered. */
export const LOG_SOCKET_MAX_INCOMING_BYTES = 4 * 1024;

/**
 * The Go server's `/metrics` content type (client_golang's text format 0.0.4). `escaping=underscores`
 * promises legacy metric names, which every name here is.
 */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8; escaping=underscores';

/**
 * A step handed to a driver that has no consumer is lost (the `messages` stream keeps a message only
 * for the consumers it has, protocol §2.1). After this long without one the step is marked `stalled`:
 * long enough for a driver that is just starting, short enough that a typo shows within a minute.
 */
export const CONTROL_PLANE_STALL_AFTER_MS = 30_000;
