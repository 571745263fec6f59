import { CloneRefusedError } from './clone-refused-error';
import { withoutUserinfo } from './without-userinfo';

/** What kind of place a repository URL points to, as git itself would read it. */
export type RepositoryLocation = { kind: 'url'; protocol: string } | { kind: 'scp' } | { kind: 'local' };

export interface RepositoryUrlPolicy {
  allowLocalRepositories: boolean;
  allowedProtocols: readonly string[];
}

const HELPER_SYNTAX = /^([A-Za-z0-9][A-Za-z0-9+.-]*)::/;
const URL_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL_OR_SPACE = /[\s\x00-\x1f\x7f]/;

/**
 * Refuses repository URLs that would make git do something other than fetch over an allowed
 * transport: option injection, remote-helper syntax (`ext::` runs any command), unknown schemes,
 * and the host's own disk unless configuration allows it. Returns how git will read the URL.
 */
export function checkRepositoryUrl(url: unknown, policy: RepositoryUrlPolicy): RepositoryLocation {
  const refuse = (reason: string): never => {
    throw new CloneRefusedError('spec.repository', reason);
  };
  if (typeof url !== 'string' || url === '') return refuse('must be a non-empty string');
  const shown = withoutUserinfo(url);
  if (url.startsWith('-')) return refuse(`"${shown}" starts with "-" and would be read by git as an option`);
  if (CONTROL_OR_SPACE.test(url)) return refuse('must not contain whitespace or control characters');

  const helper = HELPER_SYNTAX.exec(url);
  if (helper) {
    return refuse(
      `"${helper[1]}::" is git's remote-helper syntax, which can run programs (ext:: runs any command); use an https, ssh or git URL`,
    );
  }

  const location = locate(url);
  const protocol = location.kind === 'url' ? location.protocol : location.kind === 'scp' ? 'ssh' : 'file';
  if (protocol === 'file') {
    if (!policy.allowLocalRepositories) {
      return refuse(
        `"${shown}" is on this machine's disk; local repositories are not allowed by configuration`,
      );
    }
  } else if (!policy.allowedProtocols.includes(protocol)) {
    return refuse(`transport "${protocol}" is not allowed (allowed: ${policy.allowedProtocols.join(', ')})`);
  }
  return location;
}

/** git's own rule: `scheme://` is a URL; `host:path` with no `/` before the `:` is scp-like ssh; else a path. */
function locate(url: string): RepositoryLocation {
  const scheme = URL_SCHEME.exec(url);
  if (scheme) {
    const protocol = scheme[1].toLowerCase();
    return { kind: 'url', protocol: protocol === 'git+ssh' || protocol === 'ssh+git' ? 'ssh' : protocol };
  }
  const colon = url.indexOf(':');
  const slash = url.indexOf('/');
  if (colon > 0 && (slash === -1 || colon < slash)) return { kind: 'scp' };
  return { kind: 'local' };
}
