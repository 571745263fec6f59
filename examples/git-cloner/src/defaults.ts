/**
 * git-cloner's defaults, each with its reason. (Core's constants.ts holds the runtime's; these are
 * an example driver's own.)
 */

/** A CI checkout needs one commit; history is opt-in through `spec.depth`. */
export const DEFAULT_CLONE_DEPTH = 1;

/** Generous for a large shallow clone over a slow link; a hung remote must not hold a worker forever. */
export const DEFAULT_CLONE_TIMEOUT_MS = 10 * 60 * 1000;

/** Time git gets to exit after SIGTERM before its process group is SIGKILLed. */
export const GIT_KILL_GRACE_MS = 2_000;

/** Network transports git may use; `file` and local paths only when configuration allows them. */
export const DEFAULT_ALLOWED_PROTOCOLS: readonly string[] = ['https', 'http', 'ssh', 'git'];

/** Lines of git's stderr quoted in a failure message: enough for git's `fatal:` explanation. */
export const GIT_ERROR_TAIL_LINES = 5;

/** The longest file name Linux, macOS and Windows file systems hold (NAME_MAX): 255 bytes. */
export const MAX_FILE_NAME_BYTES = 255;

/** What the staging folder adds to the resource name: `.` before it, `.partial-XXXXXX` after. */
export const STAGING_NAME_EXTRA_BYTES = '.'.length + '.partial-XXXXXX'.length;
