/**
 * The CLI's defaults, each with the reason it was chosen.
 */

/** `wait` and `logs -f` poll the run record; twice a second feels live and costs the server nothing. */
export const RUN_POLL_INTERVAL_MS = 500;

/**
 * After a run settles, `logs -f` keeps reading this long: a driver publishes its last log lines just
 * before its result, and live entries can arrive a moment after the engine recorded that result.
 */
export const LOGS_TRAILING_GRACE_MS = 1_000;

/** `run --watch` waits this long after a change for more: an editor's save or a build writes several files. */
export const WATCH_DEBOUNCE_MS = 300;

/** Folders `run --watch` never reacts to: dependencies and version control churn. */
export const WATCH_IGNORED = /(^|[/\\])(node_modules|\.git)([/\\]|$)/;
