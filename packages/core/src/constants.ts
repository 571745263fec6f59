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

/**
 * Replicas of a Conveyor stream this runtime has to create: one, as the Conveyor server creates them
 * (protocol §2.1). On a cluster an operator (or the control plane's `streamReplicas`) chooses 3; a
 * stream that exists keeps its replicas.
 */
export const DEFAULT_STREAM_REPLICAS = 1;

/** nats-server 2.10 introduced multi-subject consumer filters, which every driver consumer needs (§2.4). */
export const MIN_NATS_SERVER_VERSION = { major: 2, minor: 10 } as const;

/**
 * Longest name (type, driver, resource, run) in bytes: names travel in subjects and KV keys, which
 * must fit nats-server's 4 KB control line; 255 is also what a file system holds as one path segment.
 */
export const MAX_NAME_BYTES = 255;

/** Upstream runs one reconcile at a time per driver; more is opt-in (issue 3). */
export const DEFAULT_CONCURRENCY = 1;

/**
 * `max_ack_pending` = concurrency x this (protocol §2.3: a budget across all instances, messages whose
 * result is being stored included): two instances' widest pull windows (16 per slot each). What one
 * instance takes is bounded by its window (runtime/pull-window.ts), not by this.
 */
export const DEFAULT_MAX_ACK_PENDING_PER_SLOT = 32;

/**
 * Work a process keeps waiting per slot beyond the running reconcile, in time: enough to cover a
 * pull's round trip on a busy machine (a result's PubAck took 1-3.5 ms with 100 log lines per event
 * at concurrency 1), little enough that a process never holds more than a few milliseconds of work
 * another process could have started. A reconcile of seconds gets one message waiting.
 */
export const PULL_WAITING_WORK_MS = 5;

/**
 * No reconcile starts while a NATS log sink's queue is fuller than this share of its capacity: the
 * driver logs faster than its lines are shipped, and going on would drop lines. Half leaves the
 * running reconciles room for their lines (at 100 lines each, 100 slots fill the other half).
 */
export const LOG_BACKLOG_PAUSE_SHARE = 0.5;

/** How often reconciles held back by a log backlog look whether they may start: about 1,000 lines shipped. */
export const LOG_BACKLOG_RECHECK_MS = 5;

/**
 * A sink that has stored no batch for this long is stuck or down, not slow (a shipping one stores a
 * batch every few milliseconds): its backlog no longer pauses the driver, so a log outage costs the
 * reconciles at most this much, and their lines are dropped and counted as before.
 */
export const LOG_SINK_PROGRESS_MS = 200;

/** Most messages waiting per slot, however short the reconciles: bounds what one process holds. */
export const PULL_MAX_WAITING_PER_SLOT = 15;

/** How long closing a connection waits for its drain (a round trip when the server is there). */
export const NATS_DRAIN_TIMEOUT_MS = 5_000;

/** Deliveries before a failing message gets a failure result and is terminated: bounded, never a loop. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** CI steps (builds, clones) are long; a reconcile hung for this long is aborted and retried. */
export const DEFAULT_RECONCILE_TIMEOUT_MS = 15 * 60 * 1000;

/** First retry delay: long enough not to hammer a flaky dependency, short enough to feel prompt. */
export const DEFAULT_RETRY_INITIAL_DELAY_MS = 1000;

/** Each retry waits this many times longer than the previous one. */
export const DEFAULT_RETRY_FACTOR = 2;

/** Retry delays stop growing here so a message is never parked for long. */
export const DEFAULT_RETRY_MAX_DELAY_MS = 60 * 1000;

/** JetStream ack wait (protocol §2.3 suggests 60 s); heartbeats every half of it keep live work ours. */
export const DEFAULT_ACK_WAIT_MS = 60 * 1000;

/** A brand-new consumer receives the retained messages it matches, as the SDD asks (protocol §2.3). */
export const DEFAULT_DELIVER_POLICY = 'all' as const;

/** In-flight reconciles get this long to finish on shutdown: inside Kubernetes' default 30 s grace. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 25 * 1000;

/**
 * After the grace period, results still being stored get this long; then they are abandoned (the
 * message is redelivered, its result deduplicated), so an unreachable server cannot hold a stopping
 * process for a whole result publish timeout.
 */
export const SHUTDOWN_SETTLE_TIMEOUT_MS = 2000;

/** Unfinished work nak'ed at shutdown waits this long, so the stopping instance is gone when it returns. */
export const SHUTDOWN_NAK_DELAY_MS = 1000;

/** How long to wait for the PubAck of a result before that publish counts as failed (then retried). */
export const RESULT_PUBLISH_TIMEOUT_MS = 10 * 1000;

/**
 * A result that could not be stored is published again after this long, doubling per failure: a
 * result stream electing a new leader is back within seconds, and the message is acked as soon as
 * its result is stored.
 */
export const RESULT_RETRY_INITIAL_DELAY_MS = 250;

/** Result publish retries stop growing here, so results go out within 5 s of the store's return. */
export const RESULT_RETRY_MAX_DELAY_MS = 5_000;

/**
 * How long reconciles that start one after the other may hold the event loop before the next one
 * waits a turn. Reconciles that return at once (most await I/O) never wait; synchronous CPU work
 * lets PubAcks, acks and heartbeats through every 2 ms, well inside any timeout, for the price of
 * one turn (a few microseconds) per 2 ms of work.
 */
export const RECONCILE_TURN_BUDGET_MS = 2;

/**
 * How long a starting driver waits for JetStream to answer (a cluster without quorum answers nothing
 * or 503 until a majority is up): long enough for a rolling restart of a 3-node cluster, after which
 * `start()` fails with the reason rather than hang unnoticed. Settable (`jetStreamWaitMs`).
 */
export const DEFAULT_JETSTREAM_WAIT_MS = 5 * 60 * 1000;

/** Each probe of a JetStream that does not answer yet waits this long (and as long again before the next). */
export const JETSTREAM_READY_POLL_MS = 2_000;

/**
 * The consume loop's consumer lookups give up after this long: while a killed leader's successor is
 * elected they go unanswered, and asking again after 2 s instead of 5 s shortens the stall.
 */
export const CONSUMER_LOOKUP_TIMEOUT_MS = 2_000;

/**
 * Acks sent within this long before a consumer leader move are sent again afterwards: a killed
 * leader's successor takes up to ~10 s to be elected, and acks sent meanwhile may be lost.
 */
export const ACK_REPLAY_WINDOW_MS = 20_000;

/** At most this many recent acks are kept for a replay (bounded memory at high rates). */
export const ACK_REPLAY_MAX_COUNT = 20_000;

/** Pause before re-creating a consume loop that stopped, so a missing server is not hammered. */
export const CONSUME_RESTART_DELAY_MS = 1000;

/**
 * A pull request lives on the consumer's leader; when the leader moves it is gone, and nats.js waits
 * up to one expiry (its default 30 s, twice over when the consumer info fails meanwhile) before it
 * asks again: the 17-45 s stalls of issue 14. 5 s bounds that wait; one pull per 5 s per driver
 * process costs nothing. Settable (`pull.expiresMs`).
 */
export const DEFAULT_PULL_EXPIRES_MS = 5_000;

/**
 * The leader heartbeats a waiting pull this often; two missed ones re-create the pull at once, so
 * a dead leader is noticed in 2-3 s. Settable (`pull.heartbeatMs`).
 */
export const DEFAULT_PULL_HEARTBEAT_MS = 1_000;

/** Entries one log sink holds (queued + in flight) before it drops new ones: bounds memory per sink. */
export const LOG_SINK_QUEUE_CAPACITY = 20_000;

/** Entries one log sink hands over per delivery: JetStream PubAcks are awaited per batch of this size. */
export const LOG_SINK_BATCH_SIZE = 512;

/**
 * Log batches the JetStream sink keeps in delivery at once: enough that publishing goes on while the
 * previous batches' PubAcks travel back (the loop was idle a quarter of the time with one). 16 x 512
 * lines is the window a hand-written client does best with here (the benchmark's ceiling picks 8,192
 * most rounds; 4 batches gave the pipeline 74-81% of it, 16 gave 82-84%), and still only about 30 ms
 * of lines at full speed, at most 8,192 to time out if the connection drops.
 */
export const LOG_JETSTREAM_BATCHES_IN_FLIGHT = 16;

/** How long `close()` waits for the log sinks to flush, so a dead sink cannot hold up shutdown. */
export const LOG_FLUSH_TIMEOUT_MS = 5_000;

/** How long a stored log entry may wait for its PubAck before it counts as failed. */
export const LOG_PUBLISH_TIMEOUT_MS = 5_000;

/** Drop counts are reported at most this often per sink, so a dead sink yields events, not a flood. */
export const LOG_DROP_REPORT_INTERVAL_MS = 1_000;

/** Loki batches go out this often (pino-loki's own default is 5 s; live tailing wants less). */
export const LOKI_BATCH_INTERVAL_MS = 1_000;

/** A Loki push slower than this is abandoned, so a hung Loki cannot pin a batch in memory. */
export const LOKI_PUSH_TIMEOUT_MS = 5_000;

/** A child process line longer than this is cut into several entries (NATS max_payload is 1 MB). */
export const LOG_MAX_LINE_CHARS = 64 * 1024;

/** A Conveyor API call that has not answered in 30 s is treated as lost (the server's handlers use 3 s store timeouts). */
export const DEFAULT_API_TIMEOUT_MS = 30_000;

/** A request's JWT lives this long: the Go client's `TokenTTL` default (protocol §6.1). */
export const API_TOKEN_TTL_MS = 2 * 60 * 1000;

/**
 * `iat` is set this far in the past: the server rejects a token "issued in the future" with no
 * leeway, so a client clock a little ahead of the server's would otherwise fail every request.
 */
export const API_TOKEN_BACKDATE_SECONDS = 5;

/**
 * Reconcile duration histogram buckets, in seconds: from quick API calls (5 ms) to the default 15-minute
 * timeout, roughly 2.5x apart, so both a webhook driver and an image build land in the middle buckets.
 */
export const RECONCILE_DURATION_BUCKETS_SECONDS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 150, 300, 900,
] as const;

/** The monitoring endpoint listens on every interface: Kubernetes probes and Prometheus reach the pod IP. */
export const DEFAULT_MONITORING_HOST = '0.0.0.0';

/**
 * At most one progress entry per run logger this often: a tight loop calling `progress()` must not
 * flood NATS. The latest value is still sent when the interval ends, and 100% at once.
 */
export const PROGRESS_MIN_INTERVAL_MS = 250;

/** First pause before a broken log follow reconnects: long enough not to spin, short enough to miss nothing visible. */
export const LOG_FOLLOW_RECONNECT_DELAY_MS = 500;

/** Reconnect pauses double up to this, so a restarting server is retried every few seconds. */
export const LOG_FOLLOW_RECONNECT_MAX_DELAY_MS = 5000;

/** Failed reconnects in a row after which a log follow gives up (about half a minute with the delays above). */
export const LOG_FOLLOW_RECONNECT_ATTEMPTS = 10;

/** Frames a slow consumer of a log WebSocket may have queued before the socket stops reading. */
export const LOG_SOCKET_QUEUED_FRAMES = 256;

/**
 * A thrown value or message described as text is cut to this many characters: it travels in a
 * result and in log lines, and one huge `message` must not make the result unpublishable.
 */
export const MAX_DESCRIBED_VALUE_LENGTH = 4096;

/** A stopped child (nats-server, a registry, a test's process) gets this long after SIGTERM; then its group is SIGKILLed. */
export const PROCESS_STOP_GRACE_MS = 5_000;

/**
 * What the kernel sends a child whose parent died (even by SIGKILL or the OOM killer): SIGTERM, so
 * a nats-server still closes its JetStream store cleanly.
 */
export const PARENT_DEATH_SIGNAL = 'SIGTERM';

/**
 * Starts of a nats-server on ports picked with `freePort()`: another process can take a picked port
 * before the server binds it (any outgoing connection's source port comes from the same range), so a
 * clash on a port we picked is retried with fresh ones; three clashes in a row mean something else.
 */
export const PICKED_PORT_ATTEMPTS = 3;
