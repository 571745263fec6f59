import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { CloneRefusedError } from './clone-refused-error';
import { checkRef, type RefKind } from './git-ref';
import { checkRepositoryUrl, type RepositoryUrlPolicy } from './repository-url-policy';

/** The resource spec fields git-cloner reads (the resource definition's schema declares them). */
export interface CloneSpec {
  /** https, ssh (`git@host:org/repo.git`) or git URL; local paths only when configuration allows them. */
  repository: string;
  /** Branch, tag or commit; the remote's default branch when omitted. */
  ref?: string;
  /** History depth; 1 when omitted. */
  depth?: number;
}

/** A spec that passed every check, with the URL git will be given. */
export interface CloneRequest {
  url: string;
  ref?: { name: string; kind: RefKind };
  depth?: number;
}

/** Validates a resource spec into a clone request, or throws `CloneRefusedError` naming the field. */
export function parseCloneSpec(spec: unknown, policy: RepositoryUrlPolicy): CloneRequest {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new CloneRefusedError('spec', 'must be an object with a "repository" field');
  }
  const { repository, ref, depth } = spec as Record<string, unknown>;
  const location = checkRepositoryUrl(repository, policy);
  // git ignores --depth for plain paths; a file:// URL keeps local clones shallow like remote ones.
  const url =
    location.kind === 'local' ? pathToFileURL(resolve(repository as string)).href : (repository as string);

  const request: CloneRequest = { url };
  if (ref !== undefined && ref !== null) {
    const checked = checkRef(ref);
    request.ref = { name: checked.ref, kind: checked.kind };
  }
  if (depth !== undefined && depth !== null) {
    if (typeof depth !== 'number' || !Number.isInteger(depth) || depth < 1 || depth > 2 ** 31 - 1) {
      throw new CloneRefusedError('spec.depth', `must be a positive integer, got ${JSON.stringify(depth)}`);
    }
    request.depth = depth;
  }
  return request;
}
