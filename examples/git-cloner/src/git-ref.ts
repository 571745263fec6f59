import { CloneRefusedError } from './clone-refused-error';

const FULL_COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ABBREVIATED_COMMIT = /^[0-9a-f]{7,63}$/;
const REF_CHARACTERS = /^[A-Za-z0-9._/+@-]+$/;

/** How to fetch a requested ref: a branch or tag by name, or a commit by its id. */
export type RefKind = 'name' | 'commit';

/**
 * Checks a branch, tag or commit name (a subset of `git check-ref-format`) so it can only ever be
 * read as a ref, never as an option or a range.
 */
export function checkRef(ref: unknown): { ref: string; kind: RefKind } {
  const refuse = (reason: string): never => {
    throw new CloneRefusedError('spec.ref', reason);
  };
  if (typeof ref !== 'string' || ref === '') return refuse('must be a non-empty string');
  if (ref.startsWith('-')) return refuse(`"${ref}" starts with "-" and would be read by git as an option`);
  if (!REF_CHARACTERS.test(ref)) {
    return refuse(`"${ref}" may only contain letters, digits and . _ / + @ -`);
  }
  if (
    ref.includes('..') ||
    ref.includes('//') ||
    ref.includes('@{') ||
    ref.startsWith('/') ||
    ref.endsWith('/')
  ) {
    return refuse(`"${ref}" is not a valid git ref name`);
  }
  if (ref.endsWith('.') || ref.endsWith('.lock') || ref.split('/').some((part) => part.startsWith('.'))) {
    return refuse(`"${ref}" is not a valid git ref name`);
  }
  return { ref, kind: FULL_COMMIT.test(ref) ? 'commit' : 'name' };
}

/** Whether a name that is not a branch or tag on the remote could still be an abbreviated commit. */
export function couldBeAbbreviatedCommit(ref: string): boolean {
  return ABBREVIATED_COMMIT.test(ref);
}
