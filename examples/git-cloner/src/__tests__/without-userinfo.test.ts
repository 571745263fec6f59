import { withoutUserinfo } from '../without-userinfo';

describe('withoutUserinfo', () => {
  it.each([
    ['https://user:s3cret@example.com/org/repo.git', 'https://example.com/org/repo.git'],
    ['https://ghp_token@example.com/org/repo.git', 'https://example.com/org/repo.git'],
    ['http://a:b@c@example.com:8080/r?x=1', 'http://example.com:8080/r?x=1'],
    ['ssh://git:pw@host:22/org/repo.git', 'ssh://host:22/org/repo.git'],
    ['https://example.com/org/a@b.git', 'https://example.com/org/a@b.git'],
    ['git@github.com:org/repo.git', 'git@github.com:org/repo.git'],
  ])('shows %s as %s', (url, shown) => {
    expect(withoutUserinfo(url)).toBe(shown);
  });
});
