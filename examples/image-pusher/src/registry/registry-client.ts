import { MAX_ERROR_BODY_BYTES, MAX_FETCHED_CONTENT_BYTES, QUOTED_ERROR_BODY_CHARS } from '../defaults';
import type { ContentBlob } from '../image/content-blob';
import { discardBody, readBoundedText, readWholeBody } from './bounded-body';
import type { RegistryAuthenticator } from './registry-authenticator';
import { RegistryError } from './registry-error';
import { sendWithRetry, type RetryContext } from './send-with-retry';

/** The OCI Distribution API for one repository: blob existence, monolithic upload, manifests. */
export class RegistryClient {
  constructor(
    /** `http(s)://host[:port]` */
    readonly baseUrl: string,
    readonly repository: string,
    private readonly auth: RegistryAuthenticator,
    private readonly retry: RetryContext,
  ) {}

  async hasBlob(digest: string): Promise<boolean> {
    const response = await this.request(`HEAD blob ${digest}`, 'HEAD', this.path(`blobs/${digest}`));
    if (response.status === 200) return true;
    if (response.status === 404) return false;
    throw await this.failure(`HEAD blob ${digest}`, response);
  }

  /** POST an upload session, then PUT the whole blob to it with its digest. */
  async uploadBlob(blob: ContentBlob): Promise<void> {
    const started = await this.request(`start upload of ${blob.digest}`, 'POST', this.path('blobs/uploads/'));
    if (started.status !== 202) throw await this.failure(`start upload of ${blob.digest}`, started);
    const location = started.headers.get('location');
    if (!location)
      throw new RegistryError(`registry started an upload of ${blob.digest} without a Location`, 202);
    const target = new URL(location, this.baseUrl);
    target.searchParams.set('digest', blob.digest);
    const done = await this.request(`upload of ${blob.digest}`, 'PUT', target, {
      body: blob.data,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(blob.size) },
    });
    if (done.status !== 201) throw await this.failure(`upload of ${blob.digest}`, done);
  }

  /** PUTs a manifest under a tag; returns the digest the registry computed (checked against ours). */
  async putManifest(tag: string, manifest: ContentBlob): Promise<string> {
    const response = await this.request(`PUT manifest ${tag}`, 'PUT', this.path(`manifests/${tag}`), {
      body: manifest.data,
      headers: { 'content-type': manifest.mediaType },
    });
    if (response.status !== 201) throw await this.failure(`PUT manifest ${tag}`, response);
    const digest = response.headers.get('docker-content-digest') ?? manifest.digest;
    if (digest !== manifest.digest) {
      throw new RegistryError(
        `registry stored manifest ${tag} as ${digest}, expected ${manifest.digest}`,
        201,
      );
    }
    return digest;
  }

  /** GETs a manifest or blob (by tag or digest), for verification. */
  async get(kind: 'manifests' | 'blobs', reference: string, accept?: string): Promise<Buffer> {
    const response = await this.request(
      `GET ${kind} ${reference}`,
      'GET',
      this.path(`${kind}/${reference}`),
      {
        headers: accept ? { accept } : {},
      },
    );
    if (response.status !== 200) throw await this.failure(`GET ${kind} ${reference}`, response);
    return readWholeBody(response, MAX_FETCHED_CONTENT_BYTES, `GET ${kind} ${reference}`);
  }

  private path(rest: string): URL {
    return new URL(`/v2/${this.repository}/${rest}`, this.baseUrl);
  }

  /**
   * One request with retries; a 401 is answered with credentials once, then sent again. Credentials
   * go to the registry's own origin only: an upload `Location` (or a redirect) elsewhere gets none.
   */
  private async request(what: string, method: string, url: URL, init: RequestInit = {}): Promise<Response> {
    const own = url.origin === new URL(this.baseUrl).origin;
    const send = () =>
      fetch(url, {
        ...init,
        method,
        redirect: 'follow',
        signal: this.retry.signal,
        headers: { ...(init.headers as Record<string, string>), ...(own ? this.auth.headers() : {}) },
      });
    const retry = { ...this.retry, redact: (text: string) => this.auth.redact(text) };
    let response = await sendWithRetry(`${what} at ${url.host}`, send, retry);
    if (response.status === 401) {
      await discardBody(response);
      if (!own) {
        throw new RegistryError(
          `${what} at ${url.host}: HTTP 401 from a host other than the registry ${new URL(this.baseUrl).host}; its credentials are not sent there`,
          401,
        );
      }
      await this.auth.answer(response);
      response = await sendWithRetry(`${what} at ${url.host}`, send, retry);
      if (response.status === 401) {
        await discardBody(response);
        throw new RegistryError(`registry ${url.host} rejected the configured credentials for ${what}`, 401);
      }
    }
    return response;
  }

  /** The registry's explanation, bounded and stripped of anything credential-like. */
  private async failure(what: string, response: Response): Promise<RegistryError> {
    const quoted =
      response.status === 204 || what.startsWith('HEAD')
        ? ''
        : this.auth.redact(await readBoundedText(response, MAX_ERROR_BODY_BYTES)).trim();
    if (!quoted) await discardBody(response);
    return new RegistryError(
      `${what} at ${new URL(this.baseUrl).host}: HTTP ${response.status}${quoted ? ` ${quoted.slice(0, QUOTED_ERROR_BODY_CHARS)}` : ''}`,
      response.status,
    );
  }
}
