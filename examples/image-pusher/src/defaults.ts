/**
 * image-pusher's defaults, each with its reason. (Core's constants.ts holds the runtime's; these are
 * an example driver's own.)
 */
import type { RetryPolicy } from './registry/retry-policy';

/** 6 tries over about 6 s: rides out a registry restart, yet a dead registry fails the step quickly. */
export const DEFAULT_REGISTRY_RETRY: RetryPolicy = {
  attempts: 6,
  initialDelayMs: 200,
  factor: 2,
  maxDelayMs: 5_000,
};

/** Where the repository's files go in the image, and its working directory. */
export const DEFAULT_IMAGE_WORKDIR = 'app';

/** Registries reached over plain HTTP, as Docker does: loopback only, unless configured. */
export const DEFAULT_INSECURE_REGISTRIES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** A registry's error body is read this far at most: enough for its JSON errors, never 400 MB. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Characters of a registry's error body quoted in a result or log line. */
export const QUOTED_ERROR_BODY_CHARS = 500;

/** A token service's answer is a small JSON object; anything larger is not one. */
export const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

/** Manifests and config blobs read back for verification; OCI registries cap manifests at 4 MiB. */
export const MAX_FETCHED_CONTENT_BYTES = 64 * 1024 * 1024;
