import { MAX_TOKEN_RESPONSE_BYTES } from '../defaults';
import { parseAuthChallenge } from './auth-challenge';
import { discardBody, readWholeBody } from './bounded-body';
import { redactCredentials } from './redact-credentials';
import type { RegistryCredentials } from './registry-credentials';
import { RegistryError } from './registry-error';
import { sendWithRetry, type RetryContext } from './send-with-retry';

/** A bearer token is sent as a header value: visible ASCII only (RFC 6750's b64token and more). */
const HEADER_SAFE_TOKEN = /^[\x21-\x7e]+$/;

/**
 * Answers a registry's 401 challenges with the configured credentials: basic auth directly, or the
 * token flow (credentials exchanged at the challenge's realm for a bearer token, kept until the
 * registry challenges again). The Authorization value never leaves this object except as a header,
 * and only to the registry's host or the token service configured for it.
 */
export class RegistryAuthenticator {
  private authorization?: string;
  private readonly retry: RetryContext;

  constructor(
    private readonly host: string,
    private readonly credentials: RegistryCredentials | undefined,
    retry: RetryContext,
    /** The registry itself is reached over plain HTTP (an insecure registry): its realm may be too. */
    private readonly plainHttp = false,
  ) {
    this.retry = { ...retry, redact: (text) => this.redact(text) };
  }

  /** Headers for the next request to the registry's own origin (never to another). */
  headers(): Record<string, string> {
    return this.authorization ? { authorization: this.authorization } : {};
  }

  /** Registry text with every configured or obtained secret, and anything credential-shaped, removed. */
  redact(text: string): string {
    const c = this.credentials;
    const secrets = [this.authorization?.replace(/^\S+ /, '') ?? ''];
    if (c && 'token' in c) secrets.push(c.token);
    if (c && 'username' in c)
      secrets.push(c.password, Buffer.from(`${c.username}:${c.password}`).toString('base64'));
    return redactCredentials(text, secrets);
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
    const url = this.realmUrl(params.realm, c.realmHost);
    if (params.service) url.searchParams.set('service', params.service);
    if (params.scope) url.searchParams.set('scope', params.scope);
    const response = await sendWithRetry(
      `token request to ${url.host}`,
      () =>
        fetch(url, {
          headers: { authorization: this.basic() },
          signal: this.retry.signal,
          redirect: 'error',
        }),
      this.retry,
    );
    if (!response.ok) {
      await discardBody(response);
      throw new RegistryError(
        `token service ${url.host} refused the configured credentials (HTTP ${response.status})`,
        response.status,
      );
    }
    return readToken(
      await readWholeBody(response, MAX_TOKEN_RESPONSE_BYTES, `token service ${url.host}`),
      url.host,
    );
  }

  /** The realm a challenge names, if credentials may go there: the registry's host or the configured one. */
  private realmUrl(realm: string | undefined, realmHost: string | undefined): URL {
    if (!realm) throw new RegistryError(`registry ${this.host} sent a bearer challenge without a realm`, 401);
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new RegistryError(`registry ${this.host} sent a token realm that is not a URL`, 401);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.plainHttp)) {
      throw new RegistryError(
        `registry ${this.host} sent a token realm over ${url.protocol.slice(0, -1)}; credentials go over https only`,
        401,
      );
    }
    if (url.host !== this.host && url.host !== realmHost) {
      throw new RegistryError(
        `registry ${this.host} sent a token realm on another host (${url.host}); credentials for "${this.host}" are sent to no other host unless its "realmHost" names it`,
        401,
      );
    }
    return url;
  }
}

/** A token service's JSON answer: `token` or `access_token`, a non-empty header-safe string. */
function readToken(body: Buffer, host: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new RegistryError(`token service ${host} answered with a body that is not JSON`);
  }
  const answer = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const token = answer.token ?? answer.access_token;
  if (token === undefined) throw new RegistryError(`token service ${host} answered without a token`);
  if (typeof token !== 'string' || !HEADER_SAFE_TOKEN.test(token)) {
    throw new RegistryError(
      `token service ${host} answered with a token that is not a non-empty string of visible ASCII characters`,
    );
  }
  return token;
}
