/** How to authenticate to one registry: a user and password (basic, or exchanged for a bearer token), or a token. */
export type RegistryCredentials =
  | {
      username: string;
      password: string;
      /**
       * The host of the registry's token service when it is not the registry's own (Docker Hub's
       * is `auth.docker.io`): credentials go to no other host a challenge names.
       */
      realmHost?: string;
    }
  | { token: string };

/**
 * Credentials by registry host (`host[:port]`). They are bound to a host on purpose: the registry is
 * chosen by the resource spec, and credentials for any host would be sent to whoever wrote it.
 */
export type RegistryCredentialsByHost = Record<string, RegistryCredentials>;

/**
 * Reads `IMAGE_PUSHER_CREDENTIALS`, a JSON object such as
 * `{"registry.example.com": {"username": "ci", "password": "..."}, "ghcr.io": {"token": "..."}}`.
 * Errors never quote the value: it holds secrets.
 */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv = process.env): RegistryCredentialsByHost {
  const text = env.IMAGE_PUSHER_CREDENTIALS;
  if (text === undefined || text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('IMAGE_PUSHER_CREDENTIALS is not valid JSON (value not shown: it holds secrets)');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('IMAGE_PUSHER_CREDENTIALS must be a JSON object keyed by registry host');
  }
  for (const [host, value] of Object.entries(parsed)) {
    if (!isCredentials(value)) {
      throw new Error(
        `IMAGE_PUSHER_CREDENTIALS["${host}"] must be {"username": string, "password": string} or {"token": string}`,
      );
    }
  }
  return parsed as RegistryCredentialsByHost;
}

function isCredentials(value: unknown): value is RegistryCredentials {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.token === 'string' || (typeof v.username === 'string' && typeof v.password === 'string');
}
