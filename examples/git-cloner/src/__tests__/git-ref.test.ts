import { checkRef, couldBeAbbreviatedCommit } from '..';

describe('checkRef', () => {
  it.each([
    ['main', 'name'],
    ['release/1.2', 'name'],
    ['v1.0.0', 'name'],
    ['a'.repeat(40), 'commit'],
    ['0123456789abcdef0123456789abcdef01234567', 'commit'],
    ['deadbeef', 'name'],
  ])('accepts %s as a %s', (ref, kind) => {
    expect(checkRef(ref)).toEqual({ ref, kind });
  });

  it.each([
    ['--upload-pack=x', 'would be read by git as an option'],
    ['-b', 'would be read by git as an option'],
    ['main..evil', 'not a valid git ref name'],
    ['a b', 'may only contain'],
    ['a~1', 'may only contain'],
    ['HEAD@{1}', 'may only contain'],
    ['refs/heads/', 'not a valid git ref name'],
    ['x.lock', 'not a valid git ref name'],
    ['.hidden', 'not a valid git ref name'],
    ['', 'must be a non-empty string'],
  ])('refuses %j', (ref, reason) => {
    expect(() => checkRef(ref)).toThrow(reason);
  });

  it('knows which names could still be abbreviated commits', () => {
    expect(couldBeAbbreviatedCommit('deadbeef')).toBe(true);
    expect(couldBeAbbreviatedCommit('abc')).toBe(false);
    expect(couldBeAbbreviatedCommit('main')).toBe(false);
  });
});
