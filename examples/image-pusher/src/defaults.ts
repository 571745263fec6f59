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
