import { parseAuthChallenge } from './auth-challenge';
import type { RegistryCredentials } from './registry-credentials';
import { RegistryError } from './registry-error';
import { sendWithRetry, type RetryContext } from './send-with-retry';

/**
 * Answers a registry's 401 challenges with the configured credentials: basic auth directly, or the
 * token flow (credentials exchanged at the challenge's realm for a bearer token, kept until the
 * registry challenges again). The Authorization value never leaves this object except as a header.
 */
export class RegistryAuthenticator {
  private authorization?: string;

  constructor(
    private readonly host: string,
    private readonly credentials: RegistryCredentials | undefined,
    private readonly retry: RetryContext,
  ) {}

  /** Headers for the next request. */
  headers(): Record<string, string> {
    return this.authorization ? { authorization: this.authorization } : {};
  }

  /** Takes a 401 answer; resolves once new credentials are ready, or throws why there are none. */
  async answer(response: Response): Promise<void> {
    const challenge = parseAuthChallenge(response.headers.get('www-authenticate'));
    if (!this.credentials) {
      throw new RegistryError(
        `registry ${this.host} requires authentication; configure credentials for "${this.host}" (IMAGE_PUSHER_CREDENTIALS)`,
        401,
      );
    }
    if (!challenge)
      throw new RegistryError(`registry ${this.host} answered 401 without a usable challenge`, 401);
    this.authorization =
      challenge.scheme === 'basic' ? this.basic() : `Bearer ${await this.fetchToken(challenge.params)}`;
  }

  private basic(): string {
    const c = this.credentials;
    if (!c || !('username' in c)) {
      throw new RegistryError(
        `registry ${this.host} asks for basic auth; configure a username and password`,
        401,
      );
    }
    return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
  }

  private async fetchToken(params: Record<string, string>): Promise<string> {
    const c = this.credentials as RegistryCredentials;
    if ('token' in c) return c.token;
    if (!params.realm)
      throw new RegistryError(`registry ${this.host} sent a bearer challenge without a realm`, 401);
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set('service', params.service);
    if (params.scope) url.searchParams.set('scope', params.scope);
    const response = await sendWithRetry(
      `token request to ${url.host}`,
      () => fetch(url, { headers: { authorization: this.basic() }, signal: this.retry.signal }),
      this.retry,
    );
    if (!response.ok) {
      throw new RegistryError(
        `token service ${url.host} refused the configured credentials (HTTP ${response.status})`,
        response.status,
      );
    }
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`token service ${url.host} answered without a token`);
    return token;
  }
}
