import { credentialsFromEnvironment, type RegistryCredentialsByHost } from './registry/registry-credentials';
import type { RetryPolicy } from './registry/retry-policy';
import { DEFAULT_IMAGE_WORKDIR, DEFAULT_INSECURE_REGISTRIES, DEFAULT_REGISTRY_RETRY } from './defaults';

/** How image-pusher runs; from options, then the environment, then defaults. Never from a resource spec. */
export interface ImagePusherConfig {
  /** Credentials per registry host (env `IMAGE_PUSHER_CREDENTIALS`, JSON). */
  credentials: RegistryCredentialsByHost;
  /**
   * Registry hosts (with or without port) spoken to over plain HTTP; loopback by default
   * (env `IMAGE_PUSHER_INSECURE_REGISTRIES`, comma-separated, added to the defaults).
   */
  insecureRegistries: readonly string[];
  retry: RetryPolicy;
  /** Folder of the image that holds the repository's files (default `app`). */
  workdir: string;
}

export function resolveImagePusherConfig(
  options: Partial<ImagePusherConfig> = {},
  env: NodeJS.ProcessEnv = process.env,
): ImagePusherConfig {
  const extraInsecure = (env.IMAGE_PUSHER_INSECURE_REGISTRIES ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  return {
    credentials: options.credentials ?? credentialsFromEnvironment(env),
    insecureRegistries: options.insecureRegistries ?? [...DEFAULT_INSECURE_REGISTRIES, ...extraInsecure],
    retry: { ...DEFAULT_REGISTRY_RETRY, ...options.retry },
    workdir: options.workdir ?? DEFAULT_IMAGE_WORKDIR,
  };
}

/** `http://` for configured insecure hosts (matched with or without the port), else `https://`. */
export function registryBaseUrl(host: string, insecure: readonly string[]): string {
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return `${insecure.includes(host) || insecure.includes(hostname) ? 'http' : 'https'}://${host}`;
}
