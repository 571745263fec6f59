/**
 * Every default of the runtime, in one place, each with the reason it was chosen.
 */

/** Conveyor's API listens on 8080 by default (`api.port`, protocol §1). */
export const DEFAULT_API_URL = 'http://localhost:8080';

/** Conveyor's embedded NATS listens on 4222 by default (`nats.port`, protocol §1). */
export const DEFAULT_NATS_URL = 'nats://localhost:4222';

/** Older servers read the API port from `CONVEYOR_SERVER_PORT` with this default (protocol §1). */
export const DEFAULT_API_PORT = 8080;

/** The server's JetStream dedupe window: streams are created with the default 2 minutes (protocol §2.1). */
export const STREAM_DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

/** nats-server 2.10 introduced multi-subject consumer filters, which every driver consumer needs (§2.4). */
export const MIN_NATS_SERVER_VERSION = { major: 2, minor: 10 } as const;

/** Default NATS `max_payload` (1 MB, protocol §5): larger payloads cannot be published. */
export const NATS_MAX_PAYLOAD_BYTES = 1024 * 1024;
