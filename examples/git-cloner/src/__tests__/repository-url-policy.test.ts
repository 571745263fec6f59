import { checkRepositoryUrl, CloneRefusedError } from '..';

const strict = { allowLocalRepositories: false, allowedProtocols: ['https', 'ssh', 'git'] };
const local = { ...strict, allowLocalRepositories: true };

describe('checkRepositoryUrl', () => {
  it.each([
    ['https://github.com/org/repo.git', { kind: 'url', protocol: 'https' }],
    ['ssh://git@host:22/org/repo.git', { kind: 'url', protocol: 'ssh' }],
    ['git+ssh://git@host/org/repo.git', { kind: 'url', protocol: 'ssh' }],
    ['git@github.com:org/repo.git', { kind: 'scp' }],
    ['git://host/repo.git', { kind: 'url', protocol: 'git' }],
  ])('accepts %s', (url, location) => {
    expect(checkRepositoryUrl(url, strict)).toEqual(location);
  });

  it.each([
    ['-uevil', 'starts with "-" and would be read by git as an option'],
    ['--upload-pack=touch /tmp/x', 'starts with "-"'],
    ['ext::sh -c touch% /tmp/x', 'must not contain whitespace'],
    ['ext::touch%S/tmp/x', '"ext::" is git\'s remote-helper syntax'],
    ['fd::3', '"fd::" is git\'s remote-helper syntax'],
    ['transport::address', '"transport::"'],
    ['http://example.com/repo.git', 'transport "http" is not allowed (allowed: https, ssh, git)'],
    ['ftp://example.com/repo.git', 'transport "ftp" is not allowed'],
    ['file:///srv/repo', 'local repositories are not allowed by configuration'],
    ['/srv/repo', 'local repositories are not allowed'],
    ['./repo', 'local repositories are not allowed'],
    ['dir/with:colon', 'local repositories are not allowed'],
    ['', 'must be a non-empty string'],
  ])('refuses %j', (url, reason) => {
    let error: unknown;
    try {
      checkRepositoryUrl(url, strict);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CloneRefusedError);
    expect((error as CloneRefusedError).field).toBe('spec.repository');
    expect((error as CloneRefusedError).reason).toContain(reason);
  });

  it('refuses non-strings', () => {
    expect(() => checkRepositoryUrl(42, strict)).toThrow(
      'refused spec.repository: must be a non-empty string',
    );
  });

  it('accepts local paths and file URLs only when configuration allows them', () => {
    expect(checkRepositoryUrl('/srv/repo', local)).toEqual({ kind: 'local' });
    expect(checkRepositoryUrl('file:///srv/repo', local)).toEqual({ kind: 'url', protocol: 'file' });
    expect(() => checkRepositoryUrl('ext::x', local)).toThrow(CloneRefusedError);
  });
});
