import { Router } from '../router';

const handle = async (): Promise<void> => undefined;

describe('Router', () => {
  const router = new Router([
    { method: 'GET', path: '/resources/:type/:name', handle },
    { method: 'POST', path: '/resources', handle },
  ]);

  it('matches parameters, decoded, with an optional trailing slash', () => {
    expect(router.match('GET', '/resources/job/a%20b/')).toEqual({
      kind: 'found',
      handle,
      params: { type: 'job', name: 'a b' },
      path: '/resources/:type/:name',
    });
    expect(router.match('POST', '/resources/')).toMatchObject({ kind: 'found' });
  });

  it('tells an unknown path from a known path with another method', () => {
    expect(router.match('GET', '/resources/job')).toEqual({ kind: 'none' });
    expect(router.match('DELETE', '/resources')).toEqual({ kind: 'wrong-method' });
    expect(router.match('GET', '/resources/%E0%A4%A/x')).toEqual({ kind: 'none' });
  });
});
