/** `scheme://userinfo@` in a URL (even one refused for what precedes it); the authority ends at the first `/`, `?` or `#`. */
const USERINFO = /([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#\s]*@/g;

/**
 * A repository URL as it may be shown in logs and results: without its userinfo (a token or a
 * password), as git itself prints URLs. scp-like `user@host:path` names only an ssh user and stays.
 */
export function withoutUserinfo(url: string): string {
  return url.replace(USERINFO, '$1');
}
